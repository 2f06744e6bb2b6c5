import {
  type ArrowFunction,
  type CallExpression,
  type ConstructorDeclaration,
  type Expression,
  type FunctionDeclaration,
  type FunctionExpression,
  type Identifier,
  type ImportDeclaration,
  type NewExpression,
  Node,
  type ParameterDeclaration,
  type SourceFile,
  SyntaxKind,
  type Symbol as MorphSymbol,
  VariableDeclarationKind,
  ts,
} from 'ts-morph';

import { type SessionParameter, kindsMatchExactly, kindsOverlap } from '../../analysis/sessions';
import type { Codemod, CodemodContext, CodemodResult, SkippedSite } from './codemod';
import { type ImportedName, ImportPlanner, removeImportBinding } from './import-planner';
import { type ProjectFiles, isInside, projectFiles } from './project-files';
import { readSessions } from './read-sessions';
import { FileEdits, type TextEdit, isTypeScriptFile } from './text-edits';

type Callable = ConstructorDeclaration | FunctionDeclaration | ArrowFunction | FunctionExpression;

/** A module-level class or function of a source file, with the function that takes its arguments. */
interface Declared {
  file: SourceFile;
  name: string;
  kind: 'class' | 'function';
  nameNode: Identifier;
  callable: Callable;
}

/** A class or function with at least one session parameter that falls back to a default connection. */
interface Target extends Declared {
  parameters: FallbackParameter[];
}

/** A session parameter, optional, with the default connection it falls back to. */
interface FallbackParameter {
  index: number;
  name: string;
  node: ParameterDeclaration;
  /** `db: Db = defaultDb`, or `db?: Db` with `db ?? getDefaultDb()` in the body. */
  form: 'default' | 'coalesce';
  /** The expression it falls back to. */
  fallback: Expression;
  /** For `coalesce`, each `db ?? …` of the body, which becomes `db`. */
  coalescing: Node[];
  /** For a TypeScript parameter whose default gave it its type: the annotation it gets instead (`typeof prisma`). */
  addedType?: string;
  /** The module-level names the fallback uses, and how callers in other files can import them. */
  names: FallbackName[];
}

interface FallbackName {
  local: string;
  /** The symbol it stands for, aliases followed, to recognise the same binding in another file. */
  target: ts.Symbol;
  /** The declaring file's import of it, or its own module-level declaration. */
  origin: { import: ImportDeclaration; binding: 'named' | 'default' | 'namespace'; imported: string } | { exported: boolean } | 'global';
}

/** A `new C(…)` or `f(…)` of a target somewhere in the project. */
interface CallSite {
  target: Target;
  file: SourceFile;
  call: NewExpression | CallExpression;
  /** The fallback parameters the call leaves out (or passes `undefined`). */
  missing?: FallbackParameter[];
  /** The arguments to add, by position: the test's session, or the former default. */
  values?: Map<number, string>;
  /** What a call site outside test code imports to pass the former default. */
  imports?: ImportedName[];
  description?: string;
}

/** What the codemod changed and left alone, and how many call sites keep each target optional. */
class Report {
  private readonly changes: { file: string; line: number; description: string }[] = [];
  private readonly skipped: SkippedSite[] = [];
  private readonly blocked = new Map<Target, number>();

  change(node: Node, description: string): void {
    this.changes.push({ file: node.getSourceFile().getFilePath(), line: node.getStartLineNumber(), description });
  }

  skip(node: Node, reason: string): void {
    this.skipped.push({ file: node.getSourceFile().getFilePath(), line: node.getStartLineNumber(), reason });
  }

  /** A call site left alone: its target's parameter stays optional. */
  block(target: Target, node: Node, reason: string): void {
    this.blocked.set(target, (this.blockedCount(target) ?? 0) + 1);
    this.skip(node, reason);
  }

  blockedCount(target: Target): number | undefined {
    return this.blocked.get(target);
  }

  result(): CodemodResult {
    const order = (a: { file: string; line: number }, b: { file: string; line: number }) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
    return {
      changes: this.changes.sort(order).map(({ file, line, description }) => ({ file, description: `line ${line}: ${description}` })),
      skipped: this.skipped.sort(order),
    };
  }
}

/**
 * For a class or factory whose session parameter is optional and falls back to a default
 * connection (`constructor(db: Db = defaultDb)`, `db ?? getDefaultDb()`), makes the parameter
 * required and updates every call site: test code passes the test's session in scope, found by
 * the recognition `no-uninjected-session` reports with; other code passes the former default,
 * imported where needed. When a call site cannot be updated (no session in scope, spread
 * arguments, the class used as a value or extended), the parameter stays optional, the test
 * call sites that have a session still get it, and the rest is reported.
 */
export const injectSession: Codemod = {
  name: 'inject-session',
  run(context: CodemodContext): CodemodResult {
    const files = projectFiles(context);
    const report = new Report();
    const targets = findTargets(context, files, report);
    if (targets.length === 0) return report.result();
    const sites = findCallSites(targets, files, report);
    const testSites = new Map<SourceFile, CallSite[]>();
    for (const site of sites) {
      const missing = missingArguments(site);
      if (typeof missing === 'string') {
        report.block(site.target, site.call, missing);
        continue;
      }
      if (missing.length === 0) continue;
      site.missing = missing;
      if (files.isTestFile(site.file)) testSites.set(site.file, [...(testSites.get(site.file) ?? []), site]);
      else passFormerDefaults(site, missing);
    }
    for (const [file, fileSites] of testSites) passTestSessions(file, fileSites, context.root, report);
    for (const site of sites) {
      if (!site.values || report.blockedCount(site.target) !== undefined || files.isTestFile(site.file)) continue;
      const imports = importsFor(site);
      if (typeof imports === 'string') report.block(site.target, site.call, imports);
      else site.imports = imports;
    }
    applyPlan(targets, sites, files, report);
    return report.result();
  },
};

/** Classes and functions of the source files under the scope whose session parameter falls back to a default. */
function findTargets(context: CodemodContext, files: ProjectFiles, report: Report): Target[] {
  const targets: Target[] = [];
  for (const file of files.sourceFiles) {
    if (!isInside(file.getFilePath(), context.scope) || files.isTestFile(file)) continue;
    const candidates = declaredCallables(file).filter((declared) =>
      declared.callable.getParameters().some((parameter) => parameter.hasQuestionToken() || parameter.hasInitializer()),
    );
    if (candidates.length === 0) continue;
    // Which parameters are sessions: the plugin's recognition, as the rule sees the declaration.
    const recognised = readSessions(file.getFilePath(), file.getFullText(), context.root, ({ sessions }) =>
      candidates.map((declared) => {
        const callee = sessions.declaredCallee(declared.name);
        return callee?.kind === declared.kind ? callee.sessionParameters : [];
      }),
    );
    candidates.forEach((declared, i) => {
      const parameters: FallbackParameter[] = [];
      for (const session of recognised?.[i] ?? []) {
        const found = fallbackParameter(declared, session);
        if (typeof found === 'string') report.skip(declared.callable.getParameters()[session.index] ?? declared.nameNode, found);
        else if (found) parameters.push(found);
      }
      if (parameters.length > 0) targets.push({ ...declared, parameters });
    });
  }
  return targets;
}

/** Every call of the targets in the project; a use that is not a call keeps the parameter optional. */
function findCallSites(targets: readonly Target[], files: ProjectFiles, report: Report): CallSite[] {
  const projectFileSet = new Set(files.sourceFiles);
  const sites: CallSite[] = [];
  for (const target of targets) {
    for (const reference of target.nameNode.findReferencesAsNodes()) {
      if (!projectFileSet.has(reference.getSourceFile()) || reference === target.nameNode) continue;
      const use = useOf(reference);
      if (use === undefined) continue;
      if (typeof use === 'string') report.block(target, reference, use.replace('%s', `\`${target.name}\``));
      else sites.push({ target, file: reference.getSourceFile(), call: use });
    }
  }
  return sites;
}

/** Outside test code, a call passes what the parameter fell back to. */
function passFormerDefaults(site: CallSite, missing: readonly FallbackParameter[]): void {
  site.values = new Map(missing.map((parameter) => [parameter.index, parameter.fallback.getText()]));
  const passed = missing.map((parameter) => `\`${parameter.fallback.getText()}\``).join(', ');
  site.description = `${calleeText(site)} passes ${passed}, its former default`;
}

/**
 * In a test file, each call passes the session in scope that the plugin sees as exactly of the
 * parameter's kind, when there is one; the file is read once for all its calls.
 */
function passTestSessions(file: SourceFile, sites: readonly CallSite[], root: string, report: Report): void {
  const plans = readSessions(file.getFilePath(), file.getFullText(), root, (reader) =>
    sites.map((site): Map<number, string> | string => {
      const node = reader.callAt(site.call.getStart(), site.call.getEnd());
      const resolved = node && reader.sessions.calleeOf(node);
      if (!node || !resolved) return `the plugin does not resolve ${calleeText(site)} to its declaration here; pass the session by hand`;
      if (node.arguments.some((argument) => reader.sessions.isTestContext(argument))) return `${calleeText(site)} is handed the whole test context`;
      const values = new Map<number, string>();
      for (const parameter of site.missing ?? []) {
        const session = resolved.sessionParameters.find((candidate) => candidate.index === parameter.index);
        if (!session) return `the plugin does not see \`${parameter.name}\` of ${calleeText(site)} as a session here; pass it by hand`;
        const live = reader.sessions.liveSessions(node).filter((binding) => kindsOverlap(session.kind, binding.kind));
        const exact = live.filter((binding) => kindsMatchExactly(session.kind, binding.kind));
        if (exact.length === 1) {
          values.set(parameter.index, exact[0]!.name);
          continue;
        }
        const names = live.map((binding) => `\`${binding.name}\``).join(', ');
        if (live.length === 0) return `no session of the test is in scope for ${calleeText(site)}; pass \`${parameter.name}\` by hand`;
        return exact.length === 0
          ? `the session in scope (${names}) is not of the kind \`${parameter.name}\` of ${calleeText(site)} takes; pass one by hand`
          : `several sessions are in scope for ${calleeText(site)} (${names}); pass one by hand`;
      }
      return values;
    }),
  );
  sites.forEach((site, i) => {
    const plan = plans?.[i] ?? 'the plugin could not read this file; pass the session by hand';
    if (typeof plan === 'string') {
      report.block(site.target, site.call, plan);
      return;
    }
    site.values = plan;
    site.description = `${calleeText(site)} gets the test's session ${[...plan.values()].map((name) => `\`${name}\``).join(', ')}`;
  });
}

/**
 * A target none of whose call sites was left alone becomes required, and all its call sites change;
 * otherwise only its test call sites do, and the rest of the application keeps the default.
 */
function applyPlan(targets: readonly Target[], sites: readonly CallSite[], files: ProjectFiles, report: Report): void {
  const edits = new FileEdits();
  const planners = new Map<SourceFile, ImportPlanner>();
  /** `file\0name` for names a call site in the declaring file now passes: their imports stay. */
  const passedInPlace = new Set<string>();
  for (const site of sites) {
    if (!site.values) continue;
    const inTest = files.isTestFile(site.file);
    if (report.blockedCount(site.target) !== undefined && !inTest) continue;
    if (!inTest && site.file === site.target.file) {
      for (const parameter of site.target.parameters) for (const name of parameter.names) passedInPlace.add(`${site.file.getFilePath()}\0${name.local}`);
    }
    if (site.imports && site.imports.length > 0) {
      let planner = planners.get(site.file);
      if (!planner) planners.set(site.file, (planner = new ImportPlanner(site.file)));
      for (const name of site.imports) planner.add(name);
    }
    edits.add(site.file, argumentEdits(site.call, site.values));
    report.change(site.call, site.description!);
  }
  for (const [file, planner] of planners) edits.add(file, planner.edits());
  for (const target of targets) {
    const count = report.blockedCount(target);
    const names = target.parameters.map((parameter) => `\`${parameter.name}\``).join(', ');
    if (count !== undefined) {
      report.skip(target.nameNode, `${names} of \`${target.name}\` stays optional: ${count} call site${count === 1 ? '' : 's'} could not be updated`);
      continue;
    }
    edits.add(target.file, declarationEdits(target, passedInPlace));
    const defaults = target.parameters.map((parameter) => `\`${parameter.fallback.getText()}\``).join(', ');
    report.change(target.nameNode, `${names} of \`${target.name}\` is required, no longer falling back to ${defaults}`);
  }
  edits.apply();
}

/** Module-level classes (with a constructor of their own) and functions, by name. */
function declaredCallables(file: SourceFile): Declared[] {
  const found: Declared[] = [];
  for (const declaration of file.getClasses()) {
    const nameNode = declaration.getNameNode();
    const constructor = declaration.getConstructors().find((candidate) => candidate.hasBody());
    if (nameNode && constructor) found.push({ file, name: nameNode.getText(), kind: 'class', nameNode, callable: constructor });
  }
  for (const declaration of file.getFunctions()) {
    const nameNode = declaration.getNameNode();
    if (nameNode && declaration.hasBody() && declaration.getOverloads().length === 0) {
      found.push({ file, name: nameNode.getText(), kind: 'function', nameNode, callable: declaration });
    }
  }
  for (const statement of file.getVariableStatements()) {
    if (statement.getDeclarationKind() !== VariableDeclarationKind.Const) continue;
    for (const declaration of statement.getDeclarations()) {
      const nameNode = declaration.getNameNode();
      const initializer = declaration.getInitializer();
      if (!Node.isIdentifier(nameNode) || !(Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer))) continue;
      found.push({ file, name: nameNode.getText(), kind: 'function', nameNode, callable: initializer });
    }
  }
  return found;
}

/**
 * The session parameter as the codemod can change it: optional with a default value, or optional
 * (`db?: Db`, recognised by its type) with `db ?? default` in the body. Undefined when it does not
 * fall back to anything the callers could pass; a string says why a fallback cannot be moved.
 */
function fallbackParameter(declared: Declared, session: SessionParameter): FallbackParameter | string | undefined {
  const parameters = declared.callable.getParameters();
  const node = parameters[session.index];
  const nameNode = node?.getNameNode();
  if (!node || !Node.isIdentifier(nameNode) || node.isRestParameter()) return undefined;
  const name = nameNode.getText();
  let form: FallbackParameter['form'] | undefined;
  let fallback: Expression | undefined;
  let coalescing: Node[] = [];
  const initializer = node.getInitializer();
  if (initializer) {
    form = 'default';
    fallback = initializer;
  } else if (node.hasQuestionToken() && session.via !== 'name') {
    form = 'coalesce';
    coalescing = coalescingUses(nameNode, declared.callable);
    const rights = coalescing.map((use) => (use as Node & { getRight(): Expression }).getRight());
    fallback = rights[0];
    if (rights.some((right) => right.getText() !== fallback?.getText())) return `\`${name}\` falls back to different defaults; make it required by hand`;
  }
  if (!form || !fallback) return undefined;
  const earlier = parameters.slice(0, session.index).find((parameter) => parameter.hasQuestionToken());
  if (earlier) return `\`${name}\` follows the optional parameter \`${earlier.getName()}\`, so it cannot become required; reorder them by hand`;
  const names = fallbackNames(fallback, declared.file);
  if (typeof names === 'string') return `\`${name}\` falls back to \`${fallback.getText()}\`, ${names}`;
  let addedType: string | undefined;
  if (form === 'default' && !node.getTypeNode() && isTypeScriptFile(declared.file)) {
    addedType = isEntityName(fallback)
      ? `typeof ${fallback.getText()}`
      : node.getType().getText(node, ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | ts.TypeFormatFlags.NoTruncation);
    if (addedType.includes('import(')) return `\`${name}\` has no type annotation but its default; annotate it first`;
  }
  return { index: session.index, name, node, form, fallback, coalescing, names, ...(addedType === undefined ? {} : { addedType }) };
}

/** `db ?? x` and `db || x` in the function's own body, and `db ??= x;` statements. */
function coalescingUses(nameNode: Identifier, callable: Callable): Node[] {
  const uses: Node[] = [];
  for (const reference of nameNode.findReferencesAsNodes()) {
    if (reference === nameNode || !isWithinNode(reference, callable)) continue;
    const parent = reference.getParent();
    if (!Node.isBinaryExpression(parent) || parent.getLeft() !== reference) continue;
    const operator = parent.getOperatorToken().getKind();
    if (operator === SyntaxKind.QuestionQuestionToken || operator === SyntaxKind.BarBarToken) uses.push(parent);
    if (operator === SyntaxKind.QuestionQuestionEqualsToken && Node.isExpressionStatement(parent.getParent())) uses.push(parent);
  }
  return uses;
}

/**
 * The names a fallback expression reads, each an import or a module-level declaration of its file
 * (or a global); a string says why callers could not name it (`this.pool`, a local).
 */
function fallbackNames(fallback: Expression, file: SourceFile): FallbackName[] | string {
  if (fallback.getFirstDescendant((node) => Node.isThisExpression(node) || Node.isSuperExpression(node)) || Node.isThisExpression(fallback)) {
    return 'which its callers cannot name';
  }
  const names: FallbackName[] = [];
  const identifiers = [fallback, ...fallback.getDescendants()].filter((node): node is Identifier => Node.isIdentifier(node));
  for (const identifier of identifiers) {
    if (isNamePosition(identifier) || identifier.getFirstAncestor((node) => Node.isTypeNode(node) && isWithinNode(node, fallback))) continue;
    if (names.some((name) => name.local === identifier.getText())) continue;
    const symbol = identifier.getSymbol();
    const declaration = symbol?.getDeclarations()[0];
    if (!symbol || !declaration) return `but the codemod cannot tell what \`${identifier.getText()}\` is`;
    const target = aliased(symbol);
    const local = identifier.getText();
    if (declaration.getSourceFile() !== file) {
      names.push({ local, target, origin: 'global' });
    } else if (Node.isImportSpecifier(declaration)) {
      names.push({ local, target, origin: { import: declaration.getImportDeclaration(), binding: 'named', imported: declaration.getName() } });
    } else if (Node.isImportClause(declaration)) {
      names.push({ local, target, origin: { import: declaration.getParentOrThrow() as ImportDeclaration, binding: 'default', imported: 'default' } });
    } else if (Node.isNamespaceImport(declaration)) {
      names.push({ local, target, origin: { import: declaration.getFirstAncestorByKindOrThrow(SyntaxKind.ImportDeclaration), binding: 'namespace', imported: '*' } });
    } else if (isModuleLevel(declaration)) {
      names.push({ local, target, origin: { exported: isExported(declaration) } });
    } else {
      return `which its callers cannot name (\`${local}\` is local to ${file.getBaseName()})`;
    }
  }
  return names;
}

/** `x` in `a.x`, `{ x: 1 }`: a property name, not a binding. */
function isNamePosition(identifier: Identifier): boolean {
  const parent = identifier.getParent();
  return (
    (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) ||
    (Node.isPropertyAssignment(parent) && parent.getNameNode() === identifier)
  );
}

function isModuleLevel(declaration: Node): boolean {
  const statement = Node.isVariableDeclaration(declaration) ? declaration.getVariableStatement() : declaration;
  return statement !== undefined && Node.isSourceFile(statement.getParent());
}

function isExported(declaration: Node): boolean {
  const statement = Node.isVariableDeclaration(declaration) ? declaration.getVariableStatement() : declaration;
  return Node.isExportable(statement) && statement.isExported();
}

function aliased(symbol: MorphSymbol): ts.Symbol {
  return (symbol.isAlias() ? (symbol.getAliasedSymbol() ?? symbol) : symbol).compilerSymbol;
}

function isWithinNode(node: Node, container: Node): boolean {
  return node.getStart() >= container.getStart() && node.getEnd() <= container.getEnd();
}

/**
 * How a reference to the target's name is used: the call it is the callee of, undefined for
 * imports, exports and types, or why it keeps the parameter optional (`%s` is the target's name).
 */
function useOf(reference: Node): NewExpression | CallExpression | string | undefined {
  // `export { UserStore as Users } from …` names the specifier itself
  if (Node.isExportSpecifier(reference) || Node.isImportSpecifier(reference)) return undefined;
  if (reference.getFirstAncestor((node) => Node.isJSDoc(node))) return undefined;
  let expression: Node = reference;
  const parent = reference.getParent();
  // `UserStore.create()`, `UserStore.name`: a static member, not the constructor
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === reference) return undefined;
  // `value instanceof UserStore`
  if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.InstanceOfKeyword) return undefined;
  // `stores.UserStore` through a namespace import
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === reference) expression = parent;
  const user = expression.getParent();
  if ((Node.isNewExpression(user) || Node.isCallExpression(user)) && user.getExpression() === expression) return user;
  if (
    Node.isImportSpecifier(parent) ||
    Node.isImportClause(parent) ||
    Node.isExportSpecifier(parent) ||
    Node.isExportAssignment(parent) ||
    Node.isTypeQuery(parent) ||
    Node.isTypeReference(parent) ||
    Node.isQualifiedName(parent)
  ) {
    return undefined;
  }
  const heritage = reference.getFirstAncestorByKind(SyntaxKind.HeritageClause);
  if (heritage) {
    if (heritage.getToken() === SyntaxKind.ImplementsKeyword) return undefined;
    const subclass = heritage.getParent();
    const subclassName = Node.isClassDeclaration(subclass) || Node.isClassExpression(subclass) ? subclass.getName() : undefined;
    return `\`${subclassName ?? 'a class'}\` extends %s; pass the session through its constructor by hand`;
  }
  return `uses %s as a value, not in a call, so its calls cannot be followed; pass the session by hand`;
}

/** `new UserStore()`, `createReports(undefined, 'Everyone')`: the call as written, on one line and shortened. */
function calleeText(site: CallSite): string {
  const text = site.call.getText().replace(/\s+/g, ' ');
  return `\`${text.length > 60 ? `${text.slice(0, 57)}…` : text}\``;
}

/** The fallback parameters a call leaves out (or passes `undefined`); a string when it spreads its arguments. */
function missingArguments(site: CallSite): FallbackParameter[] | string {
  const args = site.call.getArguments();
  const last = Math.max(...site.target.parameters.map((parameter) => parameter.index));
  if (args.slice(0, last + 1).some((argument) => Node.isSpreadElement(argument))) {
    return `${calleeText(site)} spreads its arguments; pass the session by hand`;
  }
  return site.target.parameters.filter((parameter) => {
    const argument = args[parameter.index];
    return !argument || isUndefined(argument);
  });
}

function isUndefined(node: Node): boolean {
  return (Node.isIdentifier(node) && node.getText() === 'undefined') || (Node.isVoidExpression(node) && Node.isLiteralExpression(node.getExpression()));
}

/** Puts each value at its position, filling positions left out before it with `undefined`. */
function argumentEdits(call: NewExpression | CallExpression, values: ReadonlyMap<number, string>): TextEdit[] {
  const args = call.getArguments();
  const edits: TextEdit[] = [];
  const appended: string[] = [];
  const last = Math.max(...values.keys());
  for (let index = 0; index <= last; index++) {
    const value = values.get(index);
    const argument = args[index];
    if (argument) {
      if (value !== undefined) edits.push({ start: argument.getStart(), end: argument.getEnd(), text: value });
    } else {
      appended.push(value ?? 'undefined');
    }
  }
  if (appended.length === 0) return edits;
  const lastArgument = args.at(-1);
  if (lastArgument) return [...edits, { start: lastArgument.getEnd(), end: lastArgument.getEnd(), text: `, ${appended.join(', ')}` }];
  const close = call.getLastChildByKind(SyntaxKind.CloseParenToken);
  // `new Store` without parentheses
  if (!close) return [{ start: call.getEnd(), end: call.getEnd(), text: `(${appended.join(', ')})` }];
  return [{ start: close.getStart(), end: close.getStart(), text: appended.join(', ') }];
}

/**
 * The names a call site in another file needs to pass the former defaults: imports of what the
 * declaring module imported or exports. A string when one cannot be brought in.
 */
function importsFor(site: CallSite): ImportedName[] | string {
  const names: ImportedName[] = [];
  const checker = site.file.getProject().getTypeChecker().compilerObject;
  const inScope = checker.getSymbolsInScope(site.call.compilerNode, ts.SymbolFlags.Value | ts.SymbolFlags.Alias);
  const declaringFile = site.target.file;
  for (const parameter of site.target.parameters) {
    for (const name of parameter.names) {
      if (name.origin === 'global') continue;
      const visible = inScope.find((symbol) => symbol.getName() === name.local);
      if (visible) {
        const resolved = visible.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(visible) : visible;
        if (resolved === name.target) continue;
        return `\`${name.local}\` is another binding here, so ${calleeText(site)} cannot be handed \`${parameter.fallback.getText()}\`; pass it by hand`;
      }
      if (site.file === declaringFile) continue;
      if ('exported' in name.origin) {
        if (!name.origin.exported) return `\`${name.local}\` is not exported from ${declaringFile.getBaseName()}, so ${calleeText(site)} cannot pass it; export it or pass the session by hand`;
        names.push({ module: { file: declaringFile }, binding: 'named', local: name.local, styleExample: styleOf(site.file, declaringFile) });
        continue;
      }
      const { import: declaration, binding, imported } = name.origin;
      const specifier = declaration.getModuleSpecifierValue();
      const moduleFile = specifier.startsWith('.') ? declaration.getModuleSpecifierSourceFile() : undefined;
      names.push({
        module: moduleFile ? { file: moduleFile } : { specifier },
        binding,
        ...(binding === 'named' ? { imported } : {}),
        local: name.local,
        styleExample: specifier,
      });
    }
  }
  return names;
}

/** How the call site's file writes its import of the declaring module, for the style of a new one. */
function styleOf(file: SourceFile, declaringFile: SourceFile): string {
  const declaration = file.getImportDeclarations().find((candidate) => candidate.getModuleSpecifierSourceFile() === declaringFile);
  return declaration?.getModuleSpecifierValue() ?? './x';
}

/** Makes each parameter required and drops its fallback, with the imports only the fallback used. */
function declarationEdits(target: Target, passedInPlace: ReadonlySet<string>): TextEdit[] {
  const edits: TextEdit[] = [];
  const removed: [number, number][] = [];
  for (const parameter of target.parameters) {
    const { node } = parameter;
    if (parameter.form === 'default') {
      const from = (node.getTypeNode() ?? node.getNameNode()).getEnd();
      edits.push({ start: from, end: parameter.fallback.getEnd(), text: parameter.addedType === undefined ? '' : `: ${parameter.addedType}` });
      // `typeof prisma` still reads `prisma`
      if (!parameter.addedType?.startsWith('typeof ')) removed.push([parameter.fallback.getStart(), parameter.fallback.getEnd()]);
    } else {
      const question = node.getQuestionTokenNode()!;
      edits.push({ start: question.getStart(), end: question.getEnd(), text: '' });
      for (const use of parameter.coalescing) {
        const statement = use.getParent();
        if (Node.isExpressionStatement(statement) && (use as Node & { getOperatorToken(): Node }).getOperatorToken().getKind() === SyntaxKind.QuestionQuestionEqualsToken) {
          const text = target.file.getFullText();
          const start = text.lastIndexOf('\n', statement.getStart() - 1) + 1;
          edits.push({ start, end: statement.getEnd() + (text[statement.getEnd()] === '\n' ? 1 : 0), text: '' });
        } else {
          edits.push({ start: (use as Node & { getLeft(): Node }).getLeft().getEnd(), end: use.getEnd(), text: '' });
        }
        removed.push([use.getStart(), use.getEnd()]);
      }
    }
  }
  // Imports that only the fallbacks read go with them.
  const seen = new Set<string>();
  for (const parameter of target.parameters) {
    for (const name of parameter.names) {
      if (name.origin === 'global' || 'exported' in name.origin || seen.has(name.local) || passedInPlace.has(`${target.file.getFilePath()}\0${name.local}`)) continue;
      seen.add(name.local);
      if (readElsewhere(target.file, name.local, removed)) continue;
      edits.push(...(removeImportBinding(name.origin.import, name.local) ?? []));
    }
  }
  return edits;
}

/** Whether the file reads `local` outside the removed ranges (and outside its imports). */
function readElsewhere(file: SourceFile, local: string, removed: readonly [number, number][]): boolean {
  return file.getDescendantsOfKind(SyntaxKind.Identifier).some((identifier) => {
    if (identifier.getText() !== local || isNamePosition(identifier)) return false;
    if (identifier.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)) return false;
    const at = identifier.getStart();
    return !removed.some(([start, end]) => at >= start && at < end);
  });
}

function isEntityName(node: Node): boolean {
  if (Node.isIdentifier(node)) return true;
  return Node.isPropertyAccessExpression(node) && isEntityName(node.getExpression());
}
