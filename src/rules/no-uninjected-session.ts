import { TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberName, propertyKeyName, unwrapAwaited, unwrapExpression } from '../analysis/ast';
import { type ResourceCatalog, type ResourceSpec, methodEffect } from '../analysis/catalog';
import {
  type SessionBinding,
  type SessionKind,
  type SessionParameter,
  defaultSessionNamePattern,
  getFileSessions,
  isUndefinedArgument,
  kindsMatchExactly,
  kindsOverlap,
} from '../analysis/sessions';
import { type ImportedBinding, returnedValues } from '../analysis/resources';
import { getFileTestInfo } from '../analysis/test-framework';
import { createRule } from '../util/create-rule';
import { AST_NODE_TYPES } from '../util/node-types';

export type Options = [
  {
    /** Check source files too, not only test code. */
    checkSources?: boolean;
    /** Extra type names that denote a DB session. */
    sessionTypes?: string[];
    /** Names of untyped parameters that denote a DB session. */
    sessionNamePattern?: string;
    /** Use type information for parameter and binding types. */
    typeAware?: boolean;
  },
];

export type MessageIds =
  | 'missingSessionArgument'
  | 'freshSessionInFixture'
  | 'globalSessionAccess'
  | 'incompleteOverride'
  | 'suggestPassSession'
  | 'suggestUseSession';

/** TypeORM's global helpers, which always use the default connection. */
const typeormGlobals = new Set([
  'getRepository',
  'getTreeRepository',
  'getMongoRepository',
  'getCustomRepository',
  'getManager',
  'getMongoManager',
  'getConnection',
  'createQueryBuilder',
]);

export default createRule<Options, MessageIds>({
  name: 'no-uninjected-session',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require code under test to receive the test\'s DB session instead of falling back to its own connection',
      recommended: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      missingSessionArgument:
        '`{{callee}}` is {{built}} without its session `{{parameter}}`{{fallback}} while the test\'s {{sessions}} in scope: its queries run on another connection, outside the test\'s transaction, and their data outlives the test. Pass the test\'s session.',
      freshSessionInFixture:
        '`{{argument}}` hands `{{callee}}` {{what}} while the test\'s {{sessions}} in scope: its queries run on another connection, outside the test\'s transaction, and their data outlives the test. Pass the test\'s session.',
      globalSessionAccess:
        '`{{access}}` goes through {{target}} while the test\'s {{sessions}} in scope: it runs outside the test\'s transaction, on another connection. Use the test\'s session instead.',
      incompleteOverride:
        'This testing module overrides `{{overridden}}`, but provider `{{provider}}` is still built on the original connection ({{how}}): it reads and writes outside the session the test put in. Override `{{provider}}` too, or build it from the overridden one (`useFactory` with `inject: [{{overridden}}]`).',
      suggestPassSession: 'Pass `{{session}}` as `{{parameter}}`.',
      suggestUseSession: 'Use `{{replacement}}` instead.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkSources: {
            type: 'boolean',
            description:
              'Check source files too: a transaction callback or a session local to a function that builds code without handing it the session.',
          },
          sessionTypes: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: 'Extra type names (as written in annotations, or declared type names with `typeAware`) that denote a DB session.',
          },
          sessionNamePattern: {
            type: 'string',
            description:
              'A regular expression (source text) for names of parameters without a type annotation that take a DB session.',
          },
          typeAware: {
            type: 'boolean',
            description:
              'Use type information (requires `parserOptions.projectService`) for the types of parameters and bindings, through aliases and re-exports.',
          },
        },
      },
    ],
    defaultOptions: [{ checkSources: false, sessionTypes: [], sessionNamePattern: defaultSessionNamePattern, typeAware: false }],
  },
  create(context, [options]) {
    const info = getFileTestInfo(context);
    if (!info.isTestFile && !options.checkSources) return {};
    const { sourceCode } = context;
    const sessions = getFileSessions(context, {
      sessionTypes: options.sessionTypes ?? [],
      sessionNamePattern: options.sessionNamePattern ?? defaultSessionNamePattern,
      typeAware: options.typeAware === true,
    });

    function describeSessions(live: readonly SessionBinding[]): string {
      const names = live.map((binding) => `\`${binding.name}\``);
      if (names.length === 1) return `session ${names[0]!} is`;
      return `sessions ${names.slice(0, -1).join(', ')} and ${names.at(-1)!} are`;
    }

    /** Provider values `incompleteOverride` has reported: not reported again as a missing argument. */
    const reportedProviders = new Set<TSESTree.Node>();

    function checkConstruction(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
      if (reportedProviders.has(node)) return;
      const callee = unwrapExpression(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return;
      if (node.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return;
      // Cheapest first: only a project class or function can take the session (most calls are
      // `expect()`, `it()`, `new Date()`), and nothing is handed over where no session is live.
      if (!sessions.mayBeProjectCallee(node.callee)) return;
      if (sessions.liveSessions(node).length === 0) return;
      // A report needs a parameter left out or a connection handed over: when neither can be, skip
      // resolving the callee, which may parse its module.
      if (!sessions.mayLeaveOutParameter(node) && !node.arguments.some((argument) => freshSession(argument, true))) return;
      const target = sessions.calleeOf(node);
      if (!target) return;
      // a factory that receives the whole test context finds the session there
      if (node.arguments.some((argument) => sessions.isTestContext(argument))) return;
      checkArguments(node, target.sessionParameters);
      for (const parameter of target.sessionParameters) {
        const argument = node.arguments[parameter.index];
        if ((argument && !isUndefinedArgument(argument)) || parameter.fallbackOwned) continue;
        const live = sessions.liveSessions(node).filter((binding) => kindsOverlap(parameter.kind, binding.kind));
        if (live.length === 0) continue;
        const exact = live.filter((binding) => kindsMatchExactly(parameter.kind, binding.kind));
        const parameterName = parameter.name ?? `#${parameter.index + 1}`;
        context.report({
          node,
          messageId: 'missingSessionArgument',
          data: {
            callee: `${node.type === AST_NODE_TYPES.NewExpression ? 'new ' : ''}${sourceCode.getText(node.callee)}()`,
            built: target.kind === 'class' ? 'built' : 'called',
            parameter: parameterName,
            fallback: parameter.fallback === undefined ? '' : ` and falls back to \`${shorten(parameter.fallback)}\``,
            sessions: describeSessions(live),
          },
          suggest:
            exact.length === 1
              ? [
                  {
                    messageId: 'suggestPassSession',
                    data: { session: exact[0]!.name, parameter: parameterName },
                    fix: (fixer) => passArgument(fixer, node, parameter, exact[0]!.name),
                  },
                ]
              : [],
        });
        return;
      }
    }

    /** `new Repo(new PrismaClient())`, `new Store(AppDataSource)`: a client of its own, or the app's, instead of the test's. */
    function checkArguments(node: TSESTree.NewExpression | TSESTree.CallExpression, parameters: readonly SessionParameter[]): void {
      node.arguments.forEach((argument, index) => {
        const fresh = freshSession(argument, parameters.some((parameter) => parameter.index === index));
        if (!fresh) return;
        const live = sessions.liveSessions(node).filter((binding) => kindsOverlap(fresh.kind, binding.kind));
        // a new client built on the test's own connection (`drizzle(client)`) is the test's session
        if (live.length === 0 || live.some((binding) => refersTo(argument, binding))) return;
        const wanted = parameters.find((parameter) => parameter.index === index)?.kind ?? fresh.kind;
        const exact = live.filter((binding) => kindsMatchExactly(wanted, binding.kind));
        context.report({
          node: argument,
          messageId: 'freshSessionInFixture',
          data: {
            argument: shorten(sourceCode.getText(argument)),
            callee: `${node.type === AST_NODE_TYPES.NewExpression ? 'new ' : ''}${sourceCode.getText(node.callee)}()`,
            what: fresh.what,
            sessions: describeSessions(live),
          },
          suggest: useSession(argument, exact.length === 1 ? exact[0]!.name : undefined),
        });
      });
    }

    /**
     * A session opened inline, or the app's module-level one (or a view of it), as an argument. For a
     * session parameter, any resource of the library counts: the app's `pool` instead of the test's client.
     */
    function freshSession(argument: TSESTree.CallExpressionArgument, toSessionParameter: boolean): { kind: SessionKind; what: string } | undefined {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const value = toSessionParameter ? sessions.resourceValue(argument) : sessions.sessionOf(argument);
      if (!value) return undefined;
      if (sessions.createsSession(argument)) return { kind: value.kind, what: 'a connection of its own' };
      if (value.owned || !rootIdentifier(unwrapAwaited(argument))) return undefined;
      return { kind: value.kind, what: "the app's module-level connection" };
    }

    /** Whether `node` mentions the binding (`drizzle(client)` mentions `client`). */
    function refersTo(node: TSESTree.Node, binding: SessionBinding): boolean {
      return binding.variable.references.some((reference) => reference.identifier.range[0] >= node.range[0] && reference.identifier.range[1] <= node.range[1]);
    }

    /** Puts `text` at the parameter's position, filling positions before it with `undefined`. */
    function passArgument(
      fixer: TSESLint.RuleFixer,
      node: TSESTree.NewExpression | TSESTree.CallExpression,
      parameter: SessionParameter,
      text: string,
    ): TSESLint.RuleFix {
      const existing = node.arguments[parameter.index];
      if (existing) return fixer.replaceText(existing, text);
      const fillers = 'undefined, '.repeat(parameter.index - node.arguments.length);
      const last = node.arguments.at(-1);
      if (last) return fixer.insertTextAfter(last, `, ${fillers}${text}`);
      const closing = sourceCode.getLastToken(node);
      if (closing?.value === ')') return fixer.insertTextBefore(closing, `${fillers}${text}`);
      // `new Store` without parentheses
      return fixer.insertTextAfter(node, `(${fillers}${text})`);
    }

    /** The suggestion to write `replacement` (the one matching session) in place of `replaced`; none without one. */
    function useSession(replaced: TSESTree.Node, replacement: string | undefined): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      if (replacement === undefined) return [];
      return [{ messageId: 'suggestUseSession', data: { replacement }, fix: (fixer) => fixer.replaceText(replaced, replacement) }];
    }

    /** TypeORM's `getRepository(User)`, `getManager()`, …: always the default connection. */
    function checkTypeormGlobal(node: TSESTree.CallExpression, binding: ImportedBinding): void {
      if (!typeormGlobals.has(binding.exportName)) return;
      const live = sessions.liveSessions(node).filter((session) => session.kind.packages.includes('typeorm'));
      if (live.length === 0) return;
      const replacement = live.length === 1 ? typeormReplacement(binding.exportName, live[0]!) : undefined;
      // `getManager()` becomes the manager itself; `getRepository(User)` keeps its arguments
      const replaced = binding.exportName === 'getManager' || binding.exportName === 'getConnection' ? node : node.callee;
      context.report({
        node: node.callee,
        messageId: 'globalSessionAccess',
        data: { access: `${sourceCode.getText(node.callee)}()`, target: "TypeORM's default connection", sessions: describeSessions(live) },
        suggest: useSession(replaced, replacement),
      });
    }

    /** mongoose's `model('User')` or `mongoose.model('User')`: the default connection, not the test's own one. */
    function checkMongooseDefaultModel(node: TSESTree.CallExpression, binding: ImportedBinding): void {
      if (binding.exportName !== 'model') return;
      const live = sessions
        .liveSessions(node)
        .filter((session) => session.kind.specs.some((spec) => spec.name === 'mongoose.Connection'));
      if (live.length === 0) return;
      context.report({
        node: node.callee,
        messageId: 'globalSessionAccess',
        data: { access: `${sourceCode.getText(node.callee)}()`, target: "mongoose's default connection", sessions: describeSessions(live) },
        suggest: useSession(node.callee, live.length === 1 ? `${live[0]!.name}.model` : undefined),
      });
    }

    /** Queries through an imported module-level client (`prisma.user.create()`) while the test has its own session. */
    function checkSingletonUses(): void {
      const moduleScope = sourceCode.scopeManager?.globalScope?.childScopes.find((scope) => scope.type === TSESLint.Scope.ScopeType.module);
      const variables = [...(moduleScope?.variables ?? []), ...(sourceCode.scopeManager?.globalScope?.variables ?? [])];
      for (const variable of variables) {
        if (variable.defs.length !== 1 || !sessions.mayHoldProjectSingleton(variable)) continue;
        // Cheap checks first: a query-shaped use where a session of the test is live; only then ask
        // the project index whether the import is a module-level client.
        const candidates = variable.references.filter(
          (reference) =>
            reference.isRead() &&
            reference.identifier.type === AST_NODE_TYPES.Identifier &&
            queryThrough(reference.identifier, undefined, sessions.catalog) !== undefined &&
            sessions.liveSessions(reference.identifier).length > 0,
        );
        const value = candidates.length > 0 ? sessions.variableValue(variable) : undefined;
        if (!value?.singleton) continue;
        for (const reference of candidates) {
          if (reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
          const access = queryThrough(reference.identifier, value.kind.specs[0], sessions.catalog);
          if (!access || reportedProviders.has(access.parent!)) continue;
          const live = sessions.liveSessions(reference.identifier).filter((session) => kindsOverlap(value.kind, session.kind));
          if (live.length === 0) continue;
          const exact = live.filter((session) => kindsMatchExactly(value.kind, session.kind));
          context.report({
            node: access,
            messageId: 'globalSessionAccess',
            data: {
              access: `${shorten(sourceCode.getText(access))}()`,
              target: `the module-level \`${reference.identifier.name}\``,
              sessions: describeSessions(live),
            },
            suggest: useSession(reference.identifier, exact.length === 1 ? exact[0]!.name : undefined),
          });
        }
      }
    }

    /**
     * `Test.createTestingModule(metadata).overrideProvider(DataSource).useValue(testDataSource)`: every
     * provider on the session's path must follow the override, or it keeps the original connection.
     */
    function checkTestingModule(node: TSESTree.CallExpression): void {
      const callee = unwrapExpression(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'createTestingModule') return;
      const test = sessions.importOf(callee.object);
      if (test?.module !== '@nestjs/testing' || test.exportName !== 'Test') return;
      const providers = [...metadataProviders(node.arguments[0]), ...overrideChain(node)];
      const overridden = providers.filter((provider) => provider.supplied && sessions.tokenKind(provider.token));
      if (overridden.length === 0) return;
      const kinds = overridden.map((provider) => sessions.tokenKind(provider.token)!);
      const overriddenText = sourceCode.getText(overridden[0]!.token);
      for (const provider of providers) {
        if (overridden.includes(provider)) continue;
        for (const value of provider.values) {
          const how = builtOnOriginal(value, kinds);
          if (!how) continue;
          reportedProviders.add(unwrapAwaited(value));
          context.report({
            node: value,
            messageId: 'incompleteOverride',
            data: { overridden: shorten(overriddenText), provider: shorten(sourceCode.getText(provider.token)), how },
          });
        }
      }
    }

    /** How a provider value still reaches the original connection, or undefined when it does not. */
    function builtOnOriginal(node: TSESTree.Node, kinds: readonly SessionKind[]): string | undefined {
      const value = unwrapAwaited(node);
      const matches = (kind: SessionKind) => kinds.some((overridden) => kindsOverlap(overridden, kind));
      const text = `\`${shorten(sourceCode.getText(value))}\``;
      if (value.type === AST_NODE_TYPES.NewExpression || value.type === AST_NODE_TYPES.CallExpression) {
        const target = sessions.calleeOf(value);
        for (const parameter of target?.sessionParameters ?? []) {
          const argument = value.arguments[parameter.index];
          if ((argument && !isUndefinedArgument(argument)) || parameter.fallbackOwned || !matches(parameter.kind)) continue;
          return parameter.fallback === undefined
            ? `${text} leaves out its session \`${parameter.name ?? `#${parameter.index + 1}`}\``
            : `${text} falls back to \`${shorten(parameter.fallback)}\``;
        }
        for (const argument of target ? value.arguments : []) {
          if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
          const passed = sessions.resourceValue(argument);
          if (passed && matches(passed.kind) && (!passed.owned || sessions.createsSession(argument))) {
            return `${text} is handed \`${shorten(sourceCode.getText(argument))}\``;
          }
        }
        // `AppDataSource.getRepository(User)`: a repository of the app's connection
        const callee = value.type === AST_NODE_TYPES.CallExpression ? unwrapExpression(value.callee) : undefined;
        if (callee?.type === AST_NODE_TYPES.MemberExpression) {
          const owner = sessions.resourceValue(callee.object);
          if (owner && !owner.owned && matches(owner.kind)) return `${text} uses the app's module-level connection`;
        }
      }
      return undefined;
    }

    return {
      NewExpression: checkConstruction,
      CallExpression(node) {
        checkTestingModule(node);
        checkConstruction(node);
        // one look-up of the callee's import serves the checks of both ORMs' global helpers
        if (!sessions.importsModule('typeorm') && !sessions.importsModule('mongoose')) return;
        const binding = sessions.importOf(node.callee);
        if (binding?.module === 'typeorm') checkTypeormGlobal(node, binding);
        if (binding?.module === 'mongoose') checkMongooseDefaultModel(node, binding);
      },
      'Program:exit': checkSingletonUses,
    };
  },
});

/** How to reach a TypeORM global helper through the test's session. */
function typeormReplacement(helper: string, session: SessionBinding): string | undefined {
  const spec = session.kind.specs[0]?.name;
  const manager =
    spec === 'typeorm.DataSource' ? `${session.name}.manager` : spec === 'typeorm.EntityManager' ? session.name : spec === 'typeorm.QueryRunner' ? `${session.name}.manager` : undefined;
  if (manager === undefined) return undefined;
  switch (helper) {
    case 'getManager':
      return manager;
    case 'getConnection':
      return spec === 'typeorm.DataSource' ? session.name : undefined;
    case 'getMongoManager':
      return undefined;
    default:
      return `${manager}.${helper}`;
  }
}

/**
 * The callee of the first call made through `identifier` (`prisma.user.create`, `AppDataSource.getRepository`),
 * unless that call only manages the client (connect, close), derives the test's session from it
 * (`createQueryRunner()`, `$transaction(cb)`), or resolves a provider. A property read alone queries nothing.
 */
function queryThrough(identifier: TSESTree.Identifier, spec: ResourceSpec | undefined, catalog: ResourceCatalog): TSESTree.Node | undefined {
  let top: TSESTree.Node = identifier;
  let current = spec;
  for (;;) {
    let parent: TSESTree.Node | undefined = top.parent;
    while (
      parent?.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent?.type === AST_NODE_TYPES.ChainExpression ||
      parent?.type === AST_NODE_TYPES.TSAsExpression
    ) {
      top = parent;
      parent = top.parent;
    }
    // the client itself called: `knex('users')`
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === top) return top === identifier || current ? top : undefined;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== top) return undefined;
    const name = memberName(parent);
    const grand = parent.parent;
    if (grand.type === AST_NODE_TYPES.CallExpression && grand.callee === parent) {
      return current && name !== undefined && managesOrDerives(current, name) ? undefined : parent;
    }
    // a view keeps its resource (`dataSource.manager`); anything else (`prisma.user`) is the client's API
    const yielded = current && name !== undefined ? current.yields?.[name] : undefined;
    current = yielded === undefined ? undefined : catalog.get(yielded);
    top = parent;
  }
}

function managesOrDerives(spec: ResourceSpec, method: string): boolean {
  if (methodEffect(spec, method)) return true;
  if (spec.yields?.[method] !== undefined || spec.sessionCallbacks?.[method] !== undefined || spec.sessionResults?.[method] !== undefined) return true;
  return Object.keys(spec.sessionCallbacks ?? {}).some((key) => key.startsWith(`${method}.`));
}

/** A provider of a testing module: its token, and the values it is built from when the test supplies them. */
interface ProviderEntry {
  token: TSESTree.Node;
  /** `useValue`, `useFactory`, `useExisting` or an override: the test supplies it, rather than Nest building the class. */
  supplied: boolean;
  /** Expressions that become the provider: the `useValue`, what a `useFactory` returns. */
  values: TSESTree.Node[];
}

/** `providers: [{ provide: UserRepository, useValue: new UserRepository() }, …]` of a module's metadata. */
function metadataProviders(metadata: TSESTree.Node | undefined): ProviderEntry[] {
  const object = metadata && unwrapExpression(metadata);
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const entries: ProviderEntry[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || propertyKeyName(property) !== 'providers') continue;
    const list = unwrapExpression(property.value);
    if (list.type !== AST_NODE_TYPES.ArrayExpression) continue;
    for (const element of list.elements) {
      const provider = element && unwrapExpression(element);
      if (provider?.type !== AST_NODE_TYPES.ObjectExpression) continue;
      let token: TSESTree.Node | undefined;
      const values: TSESTree.Node[] = [];
      let supplied = false;
      for (const member of provider.properties) {
        if (member.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyKeyName(member);
        if (key === 'provide') token = member.value;
        if (key === 'useValue' || key === 'useFactory' || key === 'useExisting') supplied = true;
        if (key === 'useValue') values.push(member.value);
        if (key === 'useFactory') values.push(...returnedValues(unwrapExpression(member.value)));
      }
      if (token) entries.push({ token, supplied, values });
    }
  }
  return entries;
}

/** `.overrideProvider(token).useValue(value)`, `.useFactory({ factory })`, `.useClass(C)` along the builder chain. */
function overrideChain(start: TSESTree.CallExpression): ProviderEntry[] {
  const entries: ProviderEntry[] = [];
  let current: TSESTree.Node = start;
  for (let steps = 0; steps < 40; steps++) {
    const member: TSESTree.Node | undefined = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) break;
    const call: TSESTree.Node = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
    const method = memberName(member);
    const use: TSESTree.MemberExpression | undefined = call.parent.type === AST_NODE_TYPES.MemberExpression ? call.parent : undefined;
    const useCall: TSESTree.CallExpression | undefined =
      use?.parent.type === AST_NODE_TYPES.CallExpression && use.parent.callee === use ? use.parent : undefined;
    if (method === 'overrideProvider' && call.arguments[0] && use && useCall) {
      const how = memberName(use);
      const argument = useCall.arguments[0];
      const values = !argument ? [] : how === 'useValue' ? [argument] : how === 'useFactory' ? factoryValues(argument) : [];
      entries.push({ token: call.arguments[0], supplied: true, values });
      current = useCall;
      continue;
    }
    current = call;
  }
  return entries;
}

/** `useFactory({ factory: () => … })` on an override. */
function factoryValues(options: TSESTree.Node): TSESTree.Node[] {
  const object = unwrapExpression(options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'factory') return returnedValues(unwrapExpression(property.value));
  }
  return [];
}

/** `AppDataSource` for `AppDataSource` and `AppDataSource.manager`. */
function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  let value = node;
  while (value.type === AST_NODE_TYPES.MemberExpression) value = unwrapExpression(value.object);
  return value.type === AST_NODE_TYPES.Identifier ? value : undefined;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}
