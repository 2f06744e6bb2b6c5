import path from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { ResourceCatalog } from './catalog';
import type { RegistrationSite } from './entities';
import { type FactContext, type ImportSource, type ModuleResources, readProgram } from './file-facts';
import { ModuleScope } from './module-scope';
import { type Project, getProjectIndex, noteLint } from './project-index';
import { type ResolvedSettings, resolveSettings } from './settings';
import { frameworkOfModule } from './test-framework';

/** The file being linted, as the entity rules see it: its registrations, its imports, and its project. */
export interface LintedFile {
  readonly file: string;
  readonly cwd: string;
  /** Where paths in messages are relative to: the project root, or the working directory without a project. */
  readonly displayBase: string;
  readonly project: Project | undefined;
  readonly settings: ResolvedSettings;
  readonly catalog: ResourceCatalog;
  readonly scope: ModuleScope;
  readonly resources: ModuleResources;
  readonly sites: readonly RegistrationSite[];
  readonly imports: readonly ImportSource[];
  readonly factContext: FactContext;
  /** Whether a project file is test code: by the test-file globs, or because it imports a test framework. */
  isTestFile(file: string): boolean;
  /** A stable predicate for files that are not test code, for index queries that leave tests out. */
  readonly isSourceFile: (file: string) => boolean;
}

const sourcePredicates = new WeakMap<object, Map<string, (file: string) => boolean>>();

/** One predicate per settings object, project and working directory, so the index can reuse its answers. */
function sourceFilePredicate(
  settings: ResolvedSettings,
  project: Project | undefined,
  cwd: string,
  catalog: ResourceCatalog,
): (file: string) => boolean {
  let byKey = sourcePredicates.get(settings);
  if (!byKey) {
    byKey = new Map();
    sourcePredicates.set(settings, byKey);
  }
  const key = `${project?.root ?? ''}\0${cwd}`;
  let predicate = byKey.get(key);
  if (!predicate) {
    predicate = (file) => !settings.isTestFile(file, cwd) && !importsTestFramework(project?.importsOf(file, catalog) ?? []);
    byKey.set(key, predicate);
  }
  return predicate;
}

function importsTestFramework(imports: readonly { specifier: string }[]): boolean {
  return imports.some((fact) => frameworkOfModule(fact.specifier) !== undefined);
}

const cache = new WeakMap<TSESTree.Program, LintedFile>();

/**
 * Reads the linted file once for every rule that asks (at `Program:exit`), and hands its facts to
 * the project index, so an editor's unsaved buffer wins over the file on disk for the files linted
 * after it. The facts come from the same extraction the index applies to files it parses itself.
 */
export function getLintedFile(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): LintedFile {
  const { sourceCode } = context;
  const cached = cache.get(sourceCode.ast);
  if (cached) return cached;
  noteLint(sourceCode.ast);
  const settings = resolveSettings(context.settings);
  const catalog = settings.catalog;
  const file = context.filename;
  const project = path.isAbsolute(file) ? getProjectIndex().beginLint(file, context.languageOptions) : undefined;
  // Built when first asked for: most files have no registration or configuration to resolve names in.
  let scope: ModuleScope | undefined;
  const scopeOf = () => (scope ??= new ModuleScope(sourceCode.ast, sourceCode.text));
  const factContext: FactContext = {
    file,
    catalog,
    importedResource: (binding) => project?.exportedResource(file, binding, catalog),
    importIdentity: (binding) => (project ? project.importIdentity(file, binding, catalog) : `${binding.module}#${binding.exportName}`),
  };
  // A buffer equal to the disk takes the scan's text filter answer instead of running it again.
  const diskScan = project?.diskScanOf(file, catalog, sourceCode.text);
  const { sites, sources, resources, facts } = readProgram(sourceCode.ast, sourceCode.text, scopeOf, factContext, diskScan?.mayRegister);
  project?.updateFromBuffer(file, catalog, sourceCode.text, facts);
  const isSourceFile = sourceFilePredicate(settings, project, context.cwd, catalog);
  let isTest: boolean | undefined;
  const linted: LintedFile = {
    file,
    cwd: context.cwd,
    displayBase: project?.root ?? context.cwd,
    project,
    settings,
    catalog,
    get scope() {
      return scopeOf();
    },
    resources,
    sites,
    imports: sources,
    factContext,
    isSourceFile,
    isTestFile(other) {
      if (other !== file) return !isSourceFile(other);
      // The linted file by its buffer's imports, which may differ from the disk's.
      isTest ??= settings.isTestFile(file, context.cwd) || importsTestFramework(sources.map((source) => ({ specifier: source.node.value })));
      return isTest;
    },
  };
  cache.set(sourceCode.ast, linted);
  return linted;
}

/** A path for messages: relative to the project root (else the working directory), with forward slashes. */
export function displayPath(file: string, base: string): string {
  const relative = path.relative(base, file);
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  return shown.split(path.sep).join('/');
}
