import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import type { ImportSource } from '../analysis/file-facts';
import { importPathOf } from '../analysis/import-paths';
import { type LintedFile, displayPath, getLintedFile } from '../analysis/linted-file';
import {
  type ConfigurationCandidate,
  type EntitySourceElement,
  type EntitySourceList,
  findEntitySourceLists,
  globMatches,
  isConfigurationCandidate,
  mayContainConfiguration,
} from '../analysis/orm-config';
import { isDeclarationFile } from '../analysis/module-resolution';
import type { Project } from '../analysis/project-index';
import { resolveSettings } from '../analysis/settings';
import { getDeclarationOrigin } from '../analysis/typed-origins';
import { createRule } from '../util/create-rule';

export type Options = [
  {
    /** Report imports of any module through its build output, not only of modules that load entities. */
    checkAllModules?: boolean;
    /** Use the type checker to find where entity classes in ORM options are declared. */
    typeAware?: boolean;
  },
];

export type MessageIds =
  | 'caseMismatchImport'
  | 'buildOutputImport'
  | 'mixedImportIdentity'
  | 'overlappingEntitySources'
  | 'suggestSourceImport';

const consequences: Record<string, string> = {
  entities: 'the entity then reaches the ORM from two places, and two copies of one entity class map the same table',
  entitiesTs: 'the entity then reaches the ORM from two places, and two copies of one entity class map the same table',
  models: 'the model is then added twice, and two copies of one model class define the same table',
  addModels: 'the model is then added twice, and two copies of one model class define the same table',
  subscribers: 'the subscriber is then registered twice and handles every event twice',
  migrations: "TypeORM refuses to run migrations listed twice ('Duplicate migrations')",
};

export default createRule<Options, MessageIds>({
  name: 'no-entity-double-load',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow loading an entity module twice: under another letter case, through a build output or a second path, or from overlapping ORM entity globs',
      recommended: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      caseMismatchImport:
        "'{{specifier}}' matches {{actual}} only when letter case is ignored: on macOS and Windows the module then loads a second time under this spelling, and on Linux the import fails. {{advice}}",
      buildOutputImport:
        "'{{specifier}}' loads the build output {{output}}, while the source {{source}} is in the project{{siblings}}: {{what}} load twice, once from each copy. Import the source.",
      mixedImportIdentity:
        "'{{specifier}}' loads {{module}} through {{path}}, while {{other}} loads the same file through {{otherPath}}: the module is kept once per path, so it and the entities it registers load twice. Import it through one path.",
      overlappingEntitySources: '{{orm}} `{{option}}` {{problem}}; {{consequence}}. List each class once, and point globs at either the sources or the compiled output.',
      suggestSourceImport: "Import the source: '{{specifier}}'.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkAllModules: {
            type: 'boolean',
            description:
              'Report an import through a build output folder for any module with a source twin, not only for modules that register entities (directly or through their imports).',
          },
          typeAware: {
            type: 'boolean',
            description:
              'Use type information (requires `parserOptions.projectService`) to find where the entity classes listed in ORM options are declared, through aliases and re-exports.',
          },
        },
      },
    ],
    defaultOptions: [{ checkAllModules: false, typeAware: false }],
  },
  create(context, [options]) {
    // A declaration file is erased: its imports load nothing and it holds no ORM options.
    if (isDeclarationFile(context.filename)) return {};
    const origin = options.typeAware ? getDeclarationOrigin(context) : undefined;
    const { sourceCode } = context;
    const { catalog } = resolveSettings(context.settings);
    const candidates: ConfigurationCandidate[] = [];
    const collect = (node: ConfigurationCandidate) => {
      if (isConfigurationCandidate(node, catalog)) candidates.push(node);
    };
    const programExit = () => {
      const linted = getLintedFile(context);
      const { project } = linted;
      if (!project || project.buildOutputOf(linted.file)) return;
      for (const source of linted.imports) checkImport(source, linted, project);
      checkEntitySources(linted, project);
    };
    // Most files name no ORM configuration: ESLint then has no nodes to hand over.
    if (!mayContainConfiguration(sourceCode.text, catalog)) return { 'Program:exit': programExit };
    return {
      CallExpression: collect,
      NewExpression: collect,
      VariableDeclarator: collect,
      TSSatisfiesExpression: collect,
      TSAsExpression: collect,
      'Program:exit': programExit,
    };

    function checkImport(source: ImportSource, linted: LintedFile, project: Project): void {
      const specifier = source.node.value;
      if (source.typeOnly) return;
      const found = importPathOf(project, linted.file, specifier, linted.catalog);
      if (!found) return;
      const { resolution } = found;
      const shown = (file: string) => displayPath(file, linted.displayBase);
      if (found.caseMismatch) {
        const { corrected } = found.caseMismatch;
        context.report({
          node: source.node,
          messageId: 'caseMismatchImport',
          data: {
            specifier,
            actual: shown(resolution.path),
            advice: corrected === undefined ? 'Spell the path as the file system does.' : `Write '${corrected}'.`,
          },
          fix: corrected === undefined ? null : (fixer) => fixer.replaceText(source.node, quoted(source.node, corrected)),
        });
        return;
      }
      if (found.buildOutput) {
        const { output, specifier: replacement } = found.buildOutput;
        const loadsEntities = project.registersEntities(output.source, linted.catalog, true);
        if (!loadsEntities && !options.checkAllModules) return;
        const importsSource = project.importersOf(output.source, linted.catalog).filter((ref) => ref.file !== linted.file);
        context.report({
          node: source.node,
          messageId: 'buildOutputImport',
          data: {
            specifier,
            output: shown(resolution.path),
            source: shown(output.source),
            siblings: importsSource.length > 0 ? ` (and ${shown(importsSource[0]!.file)} imports it)` : '',
            what: loadsEntities ? 'the entities it registers' : 'the module and its state',
          },
          suggest: [
            {
              messageId: 'suggestSourceImport',
              data: { specifier: replacement },
              fix: (fixer) => fixer.replaceText(source.node, quoted(source.node, replacement)),
            },
          ],
        });
        return;
      }
      // The published build, imported by the package's own name on purpose.
      if (project.buildOutputOf(resolution.path)) return;
      // Two paths to one file need a symbolic link on one of them.
      if (!project.hasSymbolicLinks && project.hasRealPath(resolution.path)) return;
      const line = source.node.loc.start.line;
      const other = project
        .importersOf(resolution.path, linted.catalog)
        .find((ref) => ref.resolution.exact && ref.resolution.path !== resolution.path && !(ref.file === linted.file && ref.fact.line === line));
      if (!other || !project.registersEntities(resolution.path, linted.catalog, false)) return;
      context.report({
        node: source.node,
        messageId: 'mixedImportIdentity',
        data: {
          specifier,
          module: shown(resolution.path),
          path: shown(resolution.path),
          other: `${shown(other.file)}:${other.fact.line}`,
          otherPath: shown(other.resolution.path),
        },
      });
    }

    function checkEntitySources(linted: LintedFile, project: Project): void {
      // Without candidates there are no lists, and the file's scope need not be built.
      if (candidates.length === 0) return;
      const lists = findEntitySourceLists(candidates, {
        file: linted.file,
        catalog: linted.catalog,
        workingDirectory: project.root,
        scope: linted.scope,
        resources: linted.resources,
        importIdentity: (binding) => linted.factContext.importIdentity(binding),
      });
      const groups = new Map<string, EntitySourceList[]>();
      for (const list of lists) groups.set(list.group, [...(groups.get(list.group) ?? []), list]);
      for (const group of groups.values()) checkGroup(group, linted, project);
    }

    function checkGroup(group: EntitySourceList[], linted: LintedFile, project: Project): void {
      const shown = (file: string) => displayPath(file, linted.displayBase);
      const report = (list: EntitySourceList, element: EntitySourceElement, problem: string) =>
        context.report({
          node: element.node,
          messageId: 'overlappingEntitySources',
          data: { orm: list.orm, option: list.option, problem, consequence: consequences[list.option] ?? consequences.entities! },
        });
      const elements = group.flatMap((list) => list.elements.map((element) => ({ list, element })));
      const globs = elements.flatMap(({ list, element }) => (element.kind === 'glob' ? [{ list, element }] : []));
      const globMatching = (file: string) => globs.find((entry) => globMatches(entry.element.pattern, file));
      const seen = new Map<string, EntitySourceElement>();
      for (const { list, element } of elements) {
        if (element.kind !== 'class') continue;
        const declared = origin?.(element.node);
        const identity = declared ? `${path.resolve(declared.file)}#${declared.name}` : element.identity;
        if (seen.has(identity)) {
          report(list, element, `lists \`${element.name}\` twice`);
          continue;
        }
        seen.set(identity, element);
        const file = identity.slice(0, identity.lastIndexOf('#'));
        if (!path.isAbsolute(file)) continue;
        const glob = globMatching(file);
        if (glob) {
          report(list, element, `lists \`${element.name}\` and also ${sourceCode.getText(glob.element.node)}, which matches its file ${shown(file)}`);
        }
      }
      if (globs.length === 0) return;
      const reported = new Set<EntitySourceElement>();
      for (const source of project.files()) {
        if (!globMatching(source) || project.buildOutputOf(source)) continue;
        for (const output of project.outputsOf(source)) {
          const glob = globMatching(output);
          if (!glob || reported.has(glob.element)) continue;
          reported.add(glob.element);
          report(glob.list, glob.element, `matches both the source ${shown(source)} and its compiled output ${shown(output)} with ${sourceCode.getText(glob.element.node)}`);
        }
      }
    }
  },
});

/** The string literal's own quote around new text. */
function quoted(node: TSESTree.StringLiteral, text: string): string {
  const quote = node.raw.startsWith("'") ? "'" : '"';
  return `${quote}${text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`)}${quote}`;
}
