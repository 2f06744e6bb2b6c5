import {
  type ArrowFunction,
  type CallExpression,
  type FunctionExpression,
  type Identifier,
  type ImportDeclaration,
  type ImportSpecifier,
  Node,
  type ObjectLiteralExpression,
  type SourceFile,
  SyntaxKind,
  ts,
} from 'ts-morph';

import { type Framework, frameworkOfModule } from '../../analysis/test-framework';
import type { Codemod, CodemodContext, CodemodResult } from './codemod';
import { type ModuleSingleton, factoryNameOf, findModuleSingletons } from './find-singletons';
import { byFile, isInside, projectFiles } from './project-files';
import { FileEdits, type TextEdit, indentOf, isTypeScriptFile, lineIndent, namedImportEdits } from './text-edits';

/** A singleton with the file that declares it. */
interface Located extends ModuleSingleton {
  file: SourceFile;
  factoryName: string;
}

/** One test file's import of a singleton. */
interface TestImport {
  singleton: Located;
  file: SourceFile;
  specifier: ImportSpecifier;
  localName: string;
}

type CallbackFunction = ArrowFunction | FunctionExpression;

/**
 * `export const prisma = new PrismaClient(opts)` becomes a factory, `createPrisma(options = opts)`,
 * that the module-level instance is built from; test files that imported the instance create and
 * close their own through the factory, in hooks of the framework they use or, in a vitest file that
 * defines its own `test.extend` fixtures, in a file-scoped fixture.
 */
export const singletonToFactory: Codemod = {
  name: 'singleton-to-factory',
  run(context: CodemodContext): CodemodResult {
    const result: CodemodResult = { changes: [], skipped: [] };
    const { settings, sourceFiles, isTestFile } = projectFiles(context);

    // 1. Find the singletons, in the files under the scope the user gave.
    const singletons: Located[] = [];
    for (const file of sourceFiles) {
      if (!isInside(file.getFilePath(), context.scope) || isTestFile(file)) continue;
      const found = findModuleSingletons(file.getFullText(), file.getFilePath(), settings.catalog);
      for (const site of found.unsupported) result.skipped.push({ file: file.getFilePath(), line: site.line, reason: site.reason });
      for (const singleton of found.singletons) {
        if (!releaseOf(singleton)) {
          result.skipped.push({
            file: file.getFilePath(),
            line: singleton.line,
            reason: `the catalog knows no method that closes a ${singleton.spec.name}`,
          });
          continue;
        }
        singletons.push({ ...singleton, file, factoryName: factoryNameOf(singleton.localName) });
      }
    }
    if (singletons.length === 0) return result;

    // 2. Find the test files that import them (before any edit, so the checker sees the original code).
    const declarations = new Map(
      singletons.map((singleton) => [singleton.file.getVariableDeclarationOrThrow(singleton.localName).compilerNode, singleton]),
    );
    const imports: TestImport[] = [];
    for (const file of sourceFiles) {
      if (!isTestFile(file) || singletons.some((singleton) => singleton.file === file)) continue;
      for (const declaration of file.getImportDeclarations()) {
        if (declaration.isTypeOnly()) continue;
        for (const specifier of declaration.getNamedImports()) {
          if (specifier.isTypeOnly()) continue;
          const singleton = singletonBehind(specifier, declarations);
          if (!singleton) continue;
          if (declaration.getModuleSpecifierSourceFile() !== singleton.file) {
            result.skipped.push({
              file: file.getFilePath(),
              line: specifier.getStartLineNumber(),
              reason: `imports \`${singleton.localName}\` through ${declaration.getModuleSpecifierValue()}; import it from its own module first`,
            });
            continue;
          }
          imports.push({ singleton, file, specifier, localName: (specifier.getAliasNode() ?? specifier.getNameNode()).getText() });
        }
      }
    }

    // 3. Plan every edit on the unchanged code, then apply each file's edits at once.
    const edits = new FileEdits();
    for (const entry of imports) {
      const plan = planTestFile(entry);
      if (typeof plan === 'string') {
        result.skipped.push({ file: entry.file.getFilePath(), line: entry.specifier.getStartLineNumber(), reason: plan });
        continue;
      }
      edits.add(entry.file, plan.edits);
      result.changes.push({ file: entry.file.getFilePath(), description: plan.description });
    }
    for (const singleton of singletons) {
      edits.add(singleton.file, moduleEdits(singleton));
      result.changes.push({
        file: singleton.file.getFilePath(),
        description: `\`${singleton.localName}\` is built by a new exported factory, \`${singleton.factoryName}()\``,
      });
    }
    edits.apply();
    result.changes.sort(byFile);
    return result;
  },
};

/** The singleton an import specifier stands for, following the checker's alias chain. */
function singletonBehind(specifier: ImportSpecifier, declarations: Map<ts.Node, Located>): Located | undefined {
  const symbol = specifier.getNameNode().getSymbol();
  const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
  for (const declaration of target?.getDeclarations() ?? []) {
    const singleton = declarations.get(declaration.compilerNode);
    if (singleton) return singleton;
  }
  return undefined;
}

/** How the resource is closed: the catalog's first async release method, else a synchronous one. */
function releaseOf(singleton: ModuleSingleton): { method: string; async: boolean } | undefined {
  const release = singleton.spec.release?.[0];
  if (release !== undefined) return { method: release, async: true };
  const syncRelease = singleton.spec.syncRelease?.[0];
  return syncRelease === undefined ? undefined : { method: syncRelease, async: false };
}

/** Adds the factory above the module-level instance and builds the instance from it. */
function moduleEdits(singleton: Located): TextEdit[] {
  const { file } = singleton;
  const text = file.getFullText();
  const isTypeScript = isTypeScriptFile(file);
  const parameterType = isTypeScript
    ? `: ${singleton.form === 'new' ? 'ConstructorParameters' : 'Parameters'}<typeof ${singleton.calleeText}>[0]`
    : '';
  const parameter =
    singleton.argumentText === undefined
      ? `options${isTypeScript ? '?' : ''}${parameterType}`
      : `options${parameterType} = ${singleton.argumentText}`;
  const creation = `${singleton.form === 'new' ? 'new ' : ''}${singleton.calleeText}(options)`;
  const indent = indentOf(file);
  const factory =
    `/** Creates a new ${singleton.spec.name}; \`${singleton.localName}\` below is one, and tests create and close their own. */\n` +
    `export function ${singleton.factoryName}(${parameter}) {\n` +
    `${indent}return ${creation};\n` +
    `}\n\n`;
  // Above the statement's leading comments, which stay with the instance they describe.
  const [statementStart] = singleton.statementRange;
  const statement = file.getStatements().find((candidate) => candidate.getStart() === statementStart);
  const comments = statement ? (ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []) : [];
  const insertAt = Math.min(statementStart, ...comments.map((comment) => comment.pos));
  const [initStart, initEnd] = singleton.initializerRange;
  return [
    { start: insertAt, end: insertAt, text: factory },
    { start: initStart, end: initEnd, text: `${singleton.factoryName}()` },
  ];
}

/** How one test file gets its own instance: the edits and a one-line description. */
interface TestFilePlan {
  edits: TextEdit[];
  description: string;
}

/** Decides how a test file gets its own instance; a string says why it cannot be changed. */
function planTestFile(entry: TestImport): TestFilePlan | string {
  const { file, localName, singleton } = entry;
  const identifier = entry.specifier.getAliasNode() ?? entry.specifier.getNameNode();
  if (!Node.isIdentifier(identifier)) return `imports \`${localName}\` under a string name`;
  const references = identifier
    .findReferencesAsNodes()
    .filter((node): node is Identifier => Node.isIdentifier(node) && node.getSourceFile() === file && node !== identifier);
  const atLoad = references.find((reference) => !reference.getFirstAncestor((ancestor) => Node.isFunctionLikeDeclaration(ancestor)));
  if (atLoad) {
    return `uses \`${localName}\` while the module loads (line ${atLoad.getStartLineNumber()}); create it in a hook by hand`;
  }
  if (fileMentions(file, singleton.factoryName)) return `\`${singleton.factoryName}\` is already a name in this file`;
  const release = releaseOf(singleton)!;
  // `import { prisma } from '../src/db'` → `import { createPrisma } from '../src/db'`
  const importEdit: TextEdit = { start: entry.specifier.getStart(), end: entry.specifier.getEnd(), text: singleton.factoryName };

  const fixture = vitestFixtureEdits(entry, references, release);
  if (fixture) {
    return {
      edits: [importEdit, ...fixture],
      description: `\`${localName}\` comes from a file-scoped \`test.extend\` fixture built by \`${singleton.factoryName}()\``,
    };
  }
  const hooks = hookNames(file);
  if (typeof hooks === 'string') return hooks;
  const alreadyReleased = file
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .some((call) => call.getExpression().getText() === `${localName}.${release.method}`);
  return {
    edits: [importEdit, ...hookEdits(entry, hooks, release, alreadyReleased)],
    description: alreadyReleased
      ? `\`${localName}\` is created in ${hooks.before} through \`${singleton.factoryName}()\` (${hooks.framework}); the file already closes it`
      : `\`${localName}\` is created in ${hooks.before} and closed in ${hooks.after} through \`${singleton.factoryName}()\` (${hooks.framework})`,
  };
}

function fileMentions(file: SourceFile, name: string): boolean {
  return file.getDescendantsOfKind(SyntaxKind.Identifier).some((identifier) => identifier.getText() === name);
}

interface HookNames {
  framework: Framework;
  before: string;
  after: string;
  /** The framework's named import, to add the hooks to when the file does not import them yet. */
  importDeclaration?: ImportDeclaration;
  importNames?: [before: string, after: string];
}

/** The before-all and after-all hooks of the framework the file imports, or of the globals it can see. */
function hookNames(file: SourceFile): HookNames | string {
  for (const declaration of file.getImportDeclarations()) {
    const framework = frameworkOfModule(declaration.getModuleSpecifierValue());
    if (!framework || declaration.isTypeOnly()) continue;
    const localOf = (name: string) => {
      const specifier = declaration.getNamedImports().find((candidate) => candidate.getName() === name && !candidate.isTypeOnly());
      return specifier && (specifier.getAliasNode() ?? specifier.getNameNode()).getText();
    };
    if (framework === 'playwright') {
      const test = declaration.getDefaultImport()?.getText() ?? localOf('test');
      if (test === undefined) continue;
      return { framework, before: `${test}.beforeAll`, after: `${test}.afterAll` };
    }
    const [before, after] = framework === 'mocha' || framework === 'node:test' ? ['before', 'after'] : ['beforeAll', 'afterAll'];
    const namespace = declaration.getNamespaceImport()?.getText();
    if (namespace !== undefined) return { framework, before: `${namespace}.${before}`, after: `${namespace}.${after}` };
    if (declaration.getNamedImports().length === 0) continue;
    return {
      framework,
      before: localOf(before) ?? before,
      after: localOf(after) ?? after,
      importDeclaration: declaration,
      importNames: [before, after],
    };
  }
  // No framework import: jest, vitest with `globals: true`, or mocha globals, as the file's types declare them.
  const checker = file.getProject().getTypeChecker().compilerObject;
  const globals = new Set(
    checker.getSymbolsInScope(file.compilerNode, ts.SymbolFlags.Function | ts.SymbolFlags.Variable).map((symbol) => symbol.getName()),
  );
  if (globals.has('beforeAll') && globals.has('afterAll')) return { framework: 'globals', before: 'beforeAll', after: 'afterAll' };
  if (globals.has('before') && globals.has('after')) return { framework: 'mocha', before: 'before', after: 'after' };
  return 'cannot tell which test framework this file uses (no framework import, no hook globals in its types)';
}

/** `let prisma`, a before-all hook that creates it through the factory, an after-all hook that closes it. */
function hookEdits(
  entry: TestImport,
  hooks: HookNames,
  release: { method: string; async: boolean },
  alreadyReleased: boolean,
): TextEdit[] {
  const { file, localName, singleton } = entry;
  const edits: TextEdit[] = [];
  if (hooks.importDeclaration && hooks.importNames) {
    const needed = alreadyReleased ? [hooks.importNames[0]] : hooks.importNames;
    edits.push(...namedImportEdits(hooks.importDeclaration, needed));
  }
  const indent = indentOf(file);
  const isTypeScript = isTypeScriptFile(file);
  const blocks = [
    `let ${localName}${isTypeScript ? `: ReturnType<typeof ${singleton.factoryName}>` : ''};`,
    `${hooks.before}(() => {\n${indent}${localName} = ${singleton.factoryName}();\n});`,
  ];
  if (!alreadyReleased) {
    blocks.push(
      release.async
        ? `${hooks.after}(async () => {\n${indent}await ${localName}.${release.method}();\n});`
        : `${hooks.after}(() => {\n${indent}${localName}.${release.method}();\n});`,
    );
  }
  // After the imports, separated by blank lines like other top-level statements.
  const lastImport = file.getImportDeclarations().at(-1);
  const text = blocks.join('\n\n');
  if (lastImport) edits.push({ start: lastImport.getEnd(), end: lastImport.getEnd(), text: `\n\n${text}` });
  else edits.push({ start: 0, end: 0, text: `${text}\n\n` });
  return edits;
}

/**
 * In a vitest file that defines its own `test.extend({...})` and uses the instance only inside
 * tests of that extended `test`, the instance becomes a file-scoped fixture those tests receive.
 */
function vitestFixtureEdits(
  entry: TestImport,
  references: Identifier[],
  release: { method: string; async: boolean },
): TextEdit[] | undefined {
  const { file, localName, singleton } = entry;
  const extend = findVitestExtend(file);
  if (!extend || extend.fixtures.getProperty(localName)) return undefined;
  const callbacks = new Set<CallbackFunction>();
  for (const reference of references) {
    const callback = testCallbackOf(reference, extend.testName);
    if (!callback) return undefined;
    const first = callback.getParameters()[0];
    if (first && !Node.isObjectBindingPattern(first.getNameNode())) return undefined;
    callbacks.add(callback);
  }
  const typeEdits = fixtureTypeEdits(extend.call, localName, singleton.factoryName);
  if (!typeEdits) return undefined;
  const unit = indentOf(file);
  const value = [
    '[',
    `${unit}async ({}, use) => {`,
    `${unit}${unit}const ${localName} = ${singleton.factoryName}();`,
    `${unit}${unit}await use(${localName});`,
    `${unit}${unit}${release.async ? 'await ' : ''}${localName}.${release.method}();`,
    `${unit}},`,
    `${unit}{ scope: 'file' },`,
    ']',
  ];
  const edits = [...typeEdits, ...appendToObject(extend.fixtures, localName, value)];
  for (const callback of callbacks) {
    const first = callback.getParameters()[0];
    const pattern = first?.getNameNode();
    if (pattern && Node.isObjectBindingPattern(pattern)) {
      const elements = pattern.getElements().map((element) => element.getText());
      edits.push({ start: pattern.getStart(), end: pattern.getEnd(), text: `{ ${[...elements, localName].join(', ')} }` });
    } else {
      const open = callback.getFirstChildByKindOrThrow(SyntaxKind.OpenParenToken);
      edits.push({ start: open.getEnd(), end: open.getEnd(), text: `{ ${localName} }` });
    }
  }
  return edits;
}

/** `name: <value lines>,` after an object literal's last property, indented like it. */
function appendToObject(object: ObjectLiteralExpression, name: string, valueLines: string[]): TextEdit[] {
  const file = object.getSourceFile();
  const last = object.getProperties().at(-1);
  if (!last) {
    const unit = indentOf(file);
    const body = valueLines.map((line, index) => (index === 0 ? line : unit + line)).join('\n');
    return [{ start: object.getStart(), end: object.getEnd(), text: `{\n${unit}${name}: ${body},\n}` }];
  }
  const indent = lineIndent(file.getFullText(), last.getStart());
  const body = valueLines.map((line, index) => (index === 0 ? line : indent + line)).join('\n');
  const comma = last.getNextSiblingIfKind(SyntaxKind.CommaToken);
  const at = comma ? comma.getEnd() : last.getEnd();
  return [{ start: at, end: at, text: `${comma ? '' : ','}\n${indent}${name}: ${body},` }];
}

/** `const test = base.extend({...})` at the top of the file, `base` being vitest's `test` or `it`. */
function findVitestExtend(
  file: SourceFile,
): { testName: string; call: CallExpression; fixtures: ObjectLiteralExpression } | undefined {
  const vitestTests = new Set<string>();
  for (const declaration of file.getImportDeclarations()) {
    if (frameworkOfModule(declaration.getModuleSpecifierValue()) !== 'vitest') continue;
    for (const specifier of declaration.getNamedImports()) {
      if (['test', 'it'].includes(specifier.getName())) vitestTests.add((specifier.getAliasNode() ?? specifier.getNameNode()).getText());
    }
  }
  for (const statement of file.getVariableStatements()) {
    for (const declaration of statement.getDeclarations()) {
      const call = declaration.getInitializerIfKind(SyntaxKind.CallExpression);
      const callee = call?.getExpression();
      if (!call || !Node.isPropertyAccessExpression(callee) || callee.getName() !== 'extend') continue;
      if (!vitestTests.has(callee.getExpression().getText())) continue;
      const fixtures = call.getArguments()[0];
      if (!Node.isObjectLiteralExpression(fixtures)) continue;
      return { testName: declaration.getName(), call, fixtures };
    }
  }
  return undefined;
}

/** The test callback (last argument of `test(...)`, `test.only(...)`, ...) that holds a reference. */
function testCallbackOf(reference: Node, testName: string): CallbackFunction | undefined {
  for (const ancestor of reference.getAncestors()) {
    if (!Node.isArrowFunction(ancestor) && !Node.isFunctionExpression(ancestor)) continue;
    const call = ancestor.getParent();
    if (!Node.isCallExpression(call) || call.getArguments().at(-1) !== ancestor) continue;
    let callee: Node = call.getExpression();
    while (Node.isPropertyAccessExpression(callee)) callee = callee.getExpression();
    if (Node.isIdentifier(callee) && callee.getText() === testName) return ancestor;
  }
  return undefined;
}

/**
 * The fixture's type, when `extend<T>` names one: a type literal or a local interface or type
 * alias gets a member (no edit when there is no type argument); undefined when the type is
 * elsewhere and cannot be changed here.
 */
function fixtureTypeEdits(call: CallExpression, name: string, factoryName: string): TextEdit[] | undefined {
  const typeArgument = call.getTypeArguments()[0];
  if (!typeArgument) return [];
  const member = `${name}: ReturnType<typeof ${factoryName}>;`;
  // After the last member, on its own line with the same indentation.
  const afterLast = (members: Node[]): TextEdit[] | undefined => {
    const last = members.at(-1);
    if (!last) return undefined;
    const indent = lineIndent(last.getSourceFile().getFullText(), last.getStart());
    return [{ start: last.getEnd(), end: last.getEnd(), text: `\n${indent}${member}` }];
  };
  if (Node.isTypeLiteral(typeArgument)) {
    const members = typeArgument.getMembers();
    return members.length > 0
      ? afterLast(members)
      : [{ start: typeArgument.getStart(), end: typeArgument.getEnd(), text: `{ ${member} }` }];
  }
  if (!Node.isTypeReference(typeArgument)) return undefined;
  const file = call.getSourceFile();
  const typeName = typeArgument.getTypeName().getText();
  const target = file.getInterface(typeName);
  if (target) return afterLast(target.getMembers());
  const alias = file.getTypeAlias(typeName)?.getTypeNode();
  if (alias && Node.isTypeLiteral(alias)) return afterLast(alias.getMembers());
  return undefined;
}
