import fs from 'node:fs';
import path from 'node:path';

import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { unwrapExpression } from './ast';
import type { ResourceCatalog, ResourceSpec } from './catalog';
import { AcquisitionMatcher, type ImportedBinding, importedBindingOfSpecifier, requiredBinding } from './resources';

/** Files larger than this are not read: generated bundles, fixtures, data. */
const MAX_FILE_BYTES = 1024 * 1024;

const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** What one project file exports that other files care about. */
interface ExportFact {
  /** The export holds a catalog resource created at module level. */
  resource?: string;
  /** The export is re-exported from another module: `export { db } from './db'`. */
  reexport?: { from: string; name: string };
}

interface FileFacts {
  mtimeMs: number;
  size: number;
  exports: Map<string, ExportFact>;
  /** `export * from './x'` specifiers. */
  exportAll: string[];
}

/**
 * Cross-file facts, read from disk (not only from the files being linted) so they hold when ESLint
 * lints a single file. Each file is read once and re-read only when its modification time or size
 * changes; files that cannot be read or parsed contribute no facts.
 */
export class ProjectIndex {
  private readonly facts = new WeakMap<ResourceCatalog, Map<string, FileFacts | null>>();

  /** Resolves a relative import to a file on disk, trying TypeScript's extension substitutions. */
  resolveImport(fromFile: string, specifier: string): string | undefined {
    if (!specifier.startsWith('.') && !path.isAbsolute(specifier)) return undefined;
    const base = path.resolve(path.dirname(fromFile), specifier);
    const candidates: string[] = [];
    const ext = path.extname(base);
    if (sourceExtensions.includes(ext)) {
      const stem = base.slice(0, -ext.length);
      const tsTwin = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] }[ext] ?? [];
      // Like TypeScript, `./db.js` means `db.ts` first: a compiled `db.js` beside it is not the source.
      candidates.push(...tsTwin.map((twin) => stem + twin), base);
    }
    candidates.push(...sourceExtensions.map((extension) => base + extension));
    candidates.push(...sourceExtensions.map((extension) => path.join(base, `index${extension}`)));
    return candidates.find(isFile);
  }

  /** The catalog resource that `binding` (imported from a relative module) holds, when it is one created at module level. */
  exportedResource(fromFile: string, binding: ImportedBinding, catalog: ResourceCatalog, depth = 0): ResourceSpec | undefined {
    if (depth > 5 || binding.exportName === '*') return undefined;
    const file = this.resolveImport(fromFile, binding.module);
    if (!file) return undefined;
    const facts = this.factsOf(file, catalog);
    if (!facts) return undefined;
    const fact = facts.exports.get(binding.exportName);
    if (fact?.resource) return catalog.get(fact.resource);
    if (fact?.reexport) {
      return this.exportedResource(file, { module: fact.reexport.from, exportName: fact.reexport.name }, catalog, depth + 1);
    }
    for (const from of facts.exportAll) {
      const found = this.exportedResource(file, { module: from, exportName: binding.exportName }, catalog, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  private factsOf(file: string, catalog: ResourceCatalog): FileFacts | undefined {
    let byFile = this.facts.get(catalog);
    if (!byFile) {
      byFile = new Map();
      this.facts.set(catalog, byFile);
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      byFile.delete(file);
      return undefined;
    }
    const cached = byFile.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    const facts = stat.size > MAX_FILE_BYTES ? undefined : readFacts(file, stat, catalog);
    byFile.set(file, facts ?? null);
    return facts;
  }
}

function isFile(candidate: string): boolean {
  try {
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
}

function readFacts(file: string, stat: fs.Stats, catalog: ResourceCatalog): FileFacts | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const facts: FileFacts = { mtimeMs: stat.mtimeMs, size: stat.size, exports: new Map(), exportAll: [] };
  // Cheap pre-filter: a file that neither exports nor mentions a catalog package has no facts to parse for.
  if (!text.includes('export')) return facts;
  const mentionsCatalog = catalog.specs.some((spec) => spec.packages.some((pkg) => text.includes(pkg.replace(/\*.*$/, ''))));
  // Otherwise only a file that may pass on another module's export (`export *`, `export { x }` of an
  // import, `export default x` of an import) has facts.
  if (!mentionsCatalog && !/\bexport\s*(\*|\{|default\b)/.test(text)) return facts;
  let program: TSESTree.Program;
  try {
    program = parse(text, {
      jsx: file.endsWith('x'),
      range: true,
      loc: false,
      comment: false,
      errorOnUnknownASTType: false,
      suppressDeprecatedPropertyWarnings: true,
    });
  } catch {
    return facts;
  }
  collectExportFacts(program, catalog, facts);
  return facts;
}

/** Module-level declarations of a parsed file: enough to find what its exports hold. */
function collectExportFacts(program: TSESTree.Program, catalog: ResourceCatalog, facts: FileFacts): void {
  const imports = new Map<string, ImportedBinding>();
  const initializers = new Map<string, TSESTree.Expression>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.importKind !== 'type') {
      for (const spec of statement.specifiers) {
        const binding = importedBindingOfSpecifier(spec, statement.source.value);
        if (binding) imports.set(spec.local.name, binding);
      }
    }
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) {
          const required = requiredBinding(declarator, declarator.id);
          if (required) imports.set(declarator.id.name, required);
          else initializers.set(declarator.id.name, declarator.init);
        } else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of declarator.id.properties) {
            if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier) {
              const required = requiredBinding(declarator, property.value);
              if (required) imports.set(property.value.name, required);
            }
          }
        }
      }
    }
  }
  const matcher = new AcquisitionMatcher(
    catalog,
    (identifier) => imports.get(identifier.name),
    (identifier) => initializers.get(identifier.name),
  );
  const resourceOf = (expression: TSESTree.Node, depth = 0): string | undefined => {
    if (depth > 4) return undefined;
    const value = unwrapExpression(expression);
    const acquired = matcher.acquisitionOf(value);
    if (acquired) return acquired.spec.name;
    if (value.type === AST_NODE_TYPES.Identifier) {
      const init = initializers.get(value.name);
      return init ? resourceOf(init, depth + 1) : undefined;
    }
    // `globalThis.prisma ?? new PrismaClient()`, `cached || (cached = createPool())`
    if (value.type === AST_NODE_TYPES.LogicalExpression) return resourceOf(value.right, depth + 1) ?? resourceOf(value.left, depth + 1);
    if (value.type === AST_NODE_TYPES.ConditionalExpression) {
      return resourceOf(value.consequent, depth + 1) ?? resourceOf(value.alternate, depth + 1);
    }
    if (value.type === AST_NODE_TYPES.AssignmentExpression) return resourceOf(value.right, depth + 1);
    return undefined;
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declaration.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
          const resource = resourceOf(declarator.init);
          if (resource) facts.exports.set(declarator.id.name, { resource });
        }
      }
      for (const specifier of statement.specifiers) {
        const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
        const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        if (statement.source) {
          facts.exports.set(exported, { reexport: { from: statement.source.value, name: local } });
          continue;
        }
        const imported = imports.get(local);
        if (imported && (imported.module.startsWith('.') || imported.module.startsWith('/'))) {
          facts.exports.set(exported, { reexport: { from: imported.module, name: imported.exportName } });
          continue;
        }
        const init = initializers.get(local);
        const resource = init && resourceOf(init);
        if (resource) facts.exports.set(exported, { resource });
      }
    } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported) {
      facts.exportAll.push(statement.source.value);
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const imported = statement.declaration.type === AST_NODE_TYPES.Identifier ? imports.get(statement.declaration.name) : undefined;
      if (imported && (imported.module.startsWith('.') || imported.module.startsWith('/'))) {
        facts.exports.set('default', { reexport: { from: imported.module, name: imported.exportName } });
        continue;
      }
      const resource = resourceOf(statement.declaration);
      if (resource) facts.exports.set('default', { resource });
    }
  }
}

let sharedIndex: ProjectIndex | undefined;

/** The process-wide project index: shared by all rules and files, kept across runs in an editor. */
export function getProjectIndex(): ProjectIndex {
  sharedIndex ??= new ProjectIndex();
  return sharedIndex;
}
