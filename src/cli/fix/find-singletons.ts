
import { declarationOf, unwrapExpression } from '../../analysis/ast';
import type { ResourceCatalog, ResourceSpec } from '../../analysis/catalog';
import { ModuleScope } from '../../analysis/module-scope';
import { parseTree } from '../../analysis/parsed-source';
import { AcquisitionMatcher } from '../../analysis/resources';
import { AST_NODE_TYPES } from '../../util/node-types';

/** A module-level resource that the singleton-to-factory codemod can turn into a factory. */
export interface ModuleSingleton {
  /** The module-level binding: `prisma` in `export const prisma = new PrismaClient()`. */
  localName: string;
  /** The names other modules import it by. */
  exportedNames: string[];
  spec: ResourceSpec;
  /** `new PrismaClient(...)` or `createClient(...)`. */
  form: 'new' | 'call';
  /** Source text of the constructor or function: `PrismaClient`, `mysql.createPool`. */
  calleeText: string;
  /** Source text of the single argument, if there is one. */
  argumentText?: string;
  /** Text range of the initialiser expression, to replace with the factory call. */
  initializerRange: [number, number];
  /** Text range of the whole statement that declares it. */
  statementRange: [number, number];
  line: number;
}

/** A module-level resource the codemod recognised but cannot rewrite, with the reason. */
export interface UnsupportedSingleton {
  localName: string;
  line: number;
  reason: string;
}

/**
 * Finds exported module-level resources in one file with the plugin's recognition layer: the
 * catalog and its acquisition matcher, over the file's ESTree. Only `const` bindings created by a
 * direct constructor or factory call with at most one argument can be rewritten.
 */
export function findModuleSingletons(
  text: string,
  fileName: string,
  catalog: ResourceCatalog,
): { singletons: ModuleSingleton[]; unsupported: UnsupportedSingleton[] } {
  const found = { singletons: [] as ModuleSingleton[], unsupported: [] as UnsupportedSingleton[] };
  // Same cheap pre-filter as the project index: no catalog package named, nothing to find.
  if (!catalog.specs.some((spec) => spec.packages.some((pkg) => text.includes(pkg.replace(/\*.*$/, ''))))) return found;
  const program = parseTree(fileName, text, { locations: true });
  if (!program) return found;
  const scope = new ModuleScope(program, text);

  const exportedAs = new Map<string, string[]>();
  const addExport = (local: string, exported: string) => exportedAs.set(local, [...(exportedAs.get(local) ?? []), exported]);
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.source) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.local.type === AST_NODE_TYPES.Identifier && specifier.exported.type === AST_NODE_TYPES.Identifier) {
        addExport(specifier.local.name, specifier.exported.name);
      }
    }
    if (statement.declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declaration.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier) addExport(declarator.id.name, declarator.id.name);
    }
  }

  const matcher = new AcquisitionMatcher(
    catalog,
    (identifier) => scope.importOf(identifier),
    (identifier) => scope.constInitializerOf(identifier),
  );

  for (const statement of program.body) {
    const declaration = declarationOf(statement);
    if (declaration.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
      const localName = declarator.id.name;
      const exportedNames = exportedAs.get(localName);
      if (!exportedNames) continue;
      const acquired = matcher.acquisitionOf(declarator.init);
      if (!acquired) continue;
      const line = declarator.loc.start.line;
      const init = unwrapExpression(declarator.init);
      const unsupported = (reason: string) => found.unsupported.push({ localName, line, reason });
      if (init.type !== AST_NODE_TYPES.NewExpression && init.type !== AST_NODE_TYPES.CallExpression) {
        unsupported(`\`${localName}\` is not created by a plain constructor or factory call; write its factory by hand`);
        continue;
      }
      if (init.type === AST_NODE_TYPES.CallExpression && !matcher.exportOf(init.callee)) {
        unsupported(`\`${localName}\` comes from a builder or static method chain; write its factory by hand`);
        continue;
      }
      if (declaration.kind !== 'const' || declaration.declarations.length !== 1) {
        unsupported(`\`${localName}\` shares its declaration with other variables or is not a const; split it first`);
        continue;
      }
      if (init.arguments.length > 1 || init.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) {
        unsupported(`\`${localName}\` is created with ${init.arguments.length} arguments; write its factory by hand`);
        continue;
      }
      if (scope.moduleBinding(factoryNameOf(localName))) {
        unsupported(`\`${factoryNameOf(localName)}\` already exists in this module`);
        continue;
      }
      const argument = init.arguments[0];
      found.singletons.push({
        localName,
        exportedNames,
        spec: acquired.spec,
        form: init.type === AST_NODE_TYPES.NewExpression ? 'new' : 'call',
        calleeText: text.slice(init.callee.range[0], init.callee.range[1]),
        ...(argument ? { argumentText: text.slice(argument.range[0], argument.range[1]) } : {}),
        initializerRange: declarator.init.range,
        statementRange: statement.range,
        line,
      });
    }
  }
  return found;
}

/** `prisma` → `createPrisma`, `redisClient` → `createRedisClient`. */
export function factoryNameOf(name: string): string {
  return `create${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
