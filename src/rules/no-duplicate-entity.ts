import { type RegistrationSite, areExclusive, findRegistrations, managesRegistry, mayContainRegistration } from '../analysis/entities';
import { displayPath, getLintedFile } from '../analysis/linted-file';
import { isDeclarationFile } from '../analysis/module-resolution';
import type { RegistrationRef } from '../analysis/project-index';
import { getTypeServices } from '../analysis/types';
import { createRule } from '../util/create-rule';

export type Options = [
  {
    /** Compare registrations across test files too. */
    includeTests?: boolean;
    /** Use type information to recognise registrations on receivers syntax cannot trace. */
    typeAware?: boolean;
  },
];

export type MessageIds = 'duplicateRegistration' | 'duplicateInFile' | 'registrationInFunction';

/** Two registrations of one key conflict unless the registry compares objects and both pass the same one. */
function conflicts(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === undefined && b === undefined) return true;
  // An object syntax cannot identify might be the same one: unknown stays silent.
  if (a === null || b === null || a === undefined || b === undefined) return false;
  return a !== b;
}

/** `mongoose model 'User'`: what a message calls the registration. */
function registrationLabel(site: { register: { orm: string; entityKind: string }; name: string }): string {
  return `${site.register.orm} ${site.register.entityKind} '${site.name}'`;
}

function listPlaces(places: string[]): string {
  if (places.length === 1) return places[0]!;
  if (places.length <= 3) return `${places.slice(0, -1).join(', ')} and ${places.at(-1)!}`;
  return `${places.slice(0, 2).join(', ')} and ${places.length - 2} more places`;
}

export default createRule<Options, MessageIds>({
  name: 'no-duplicate-entity',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow registering one ORM model, entity or table name twice in a project',
      recommended: true,
    },
    messages: {
      duplicateRegistration:
        '{{what}} is also registered at {{others}}; {{effect}}. Define it in one module and import that module everywhere.',
      duplicateInFile: '{{what}} is registered twice in this file (also at line {{line}}); {{effect}}. Keep one registration.',
      registrationInFunction:
        '{{what}} is registered inside a function that can run more than once, each time with a new object; the second run throws. Register it once at module level, or reuse the registered one when it exists (`models.{{name}} ?? model(…)`).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          includeTests: {
            type: 'boolean',
            description:
              'Compare registrations across test files too. By default each test file is assumed to run in its own worker, so only registrations in source files are compared across files.',
          },
          typeAware: {
            type: 'boolean',
            description:
              'Use type information (requires `parserOptions.projectService`) to recognise `connection.model(…)` and `sequelize.define(…)` on receivers that syntax cannot trace, such as class fields and parameters.',
          },
        },
      },
    ],
    defaultOptions: [{ includeTests: false, typeAware: false }],
  },
  create(context, [options]) {
    // A declaration file only describes values: nothing in it runs.
    if (isDeclarationFile(context.filename)) return {};
    const types = options.typeAware ? getTypeServices(context) : undefined;
    return {
      'Program:exit'(program) {
        const linted = getLintedFile(context);
        let sites: readonly RegistrationSite[] = linted.sites;
        // Types only widen which receivers count; a file without a registration's text has none.
        if (types && mayContainRegistration(context.sourceCode.text, linted.catalog)) {
          sites = findRegistrations(program, {
            file: linted.file,
            catalog: linted.catalog,
            resolve: (identifier) => linted.scope.resolve(identifier),
            resourceOf: (node) => linted.resources.resourceOf(node) ?? types.resourceOfType(node, linted.catalog)?.spec,
            importIdentity: (binding) => linted.factContext.importIdentity(binding),
          });
        }
        const active = sites.filter((site) => !site.guarded);
        // Most files register nothing: nothing to compare, in the file or across the project.
        if (active.length === 0) return;

        const repeated = new Set<RegistrationSite>();
        for (const site of active) {
          if (!site.register.throwsOnRepeat || !site.repeatable || !site.freshPerRun) continue;
          repeated.add(site);
          context.report({ node: site.node, messageId: 'registrationInFunction', data: { what: registrationLabel(site), name: site.name } });
        }

        const byKey = new Map<string, RegistrationSite[]>();
        for (const site of active) {
          if (repeated.has(site)) continue;
          const list = byKey.get(site.key) ?? [];
          list.push(site);
          byKey.set(site.key, list);
        }
        // Registrations in two different functions (two tests, two helpers) meet only in a registry
        // that lives for the whole process and throws, and only when the file does not clean it up.
        let cleansRegistry: boolean | undefined;
        const meet = (a: RegistrationSite, b: RegistrationSite) => {
          // Deferred definitions (schemas, tables) meet only as module-level declarations of a
          // source module; tests keep two versions of a schema side by side to test migrations.
          if (a.register.deferred || b.register.deferred) {
            return a.container === undefined && b.container === undefined && !linted.isTestFile(linted.file);
          }
          if (a.container === b.container) return true;
          if (!a.register.throwsOnRepeat || a.repeatable || b.repeatable) return false;
          cleansRegistry ??= managesRegistry(program, context.sourceCode.text);
          return !cleansRegistry;
        };
        for (const group of byKey.values()) {
          if (group.length < 2) continue;
          for (const site of group) {
            const other = group.find(
              (candidate) =>
                candidate !== site && conflicts(site.identity, candidate.identity) && !areExclusive(site.node, candidate.node) && meet(site, candidate),
            );
            if (!other) continue;
            context.report({
              node: site.node,
              messageId: 'duplicateInFile',
              data: { what: registrationLabel(site), line: String(other.node.loc.start.line), effect: site.register.duplicateEffect },
            });
          }
        }

        const { project } = linted;
        if (!project || (!options.includeTests && linted.isTestFile(linted.file)) || project.buildOutputOf(linted.file)) return;
        const participates = (ref: RegistrationRef) =>
          ref.file !== linted.file &&
          !ref.fact.guarded &&
          !ref.fact.repeatable &&
          !(ref.fact.deferred && ref.fact.inFunction) &&
          (options.includeTests || !linted.isTestFile(ref.file)) &&
          !project.buildOutputOf(ref.file);
        for (const site of active) {
          if (site.repeatable || (site.register.deferred && site.container !== undefined)) continue;
          const others = project
            .confirmRegistrations(site.key, site.name, linted.catalog, options.includeTests ? undefined : linted.isSourceFile)
            .filter((ref) => participates(ref) && conflicts(site.identity, ref.fact.identity));
          if (others.length === 0) continue;
          context.report({
            node: site.node,
            messageId: 'duplicateRegistration',
            data: {
              what: registrationLabel(site),
              others: listPlaces(others.map((ref) => `${displayPath(ref.file, linted.displayBase)}:${ref.fact.line}`)),
              effect: site.register.duplicateEffect,
            },
          });
        }
      },
    };
  },
});
