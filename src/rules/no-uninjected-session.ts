import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberName, unwrapExpression } from '../analysis/ast';
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
import { getFileTestInfo } from '../analysis/test-framework';
import { createRule } from '../util/create-rule';

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

    function checkConstruction(node: TSESTree.NewExpression | TSESTree.CallExpression): void {
      const callee = unwrapExpression(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return;
      if (node.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return;
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
          suggest:
            exact.length === 1
              ? [
                  {
                    messageId: 'suggestUseSession',
                    data: { replacement: exact[0]!.name },
                    fix: (fixer) => fixer.replaceText(argument, exact[0]!.name),
                  },
                ]
              : [],
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

    /** TypeORM's `getRepository(User)`, `getManager()`, …: always the default connection. */
    function checkTypeormGlobal(node: TSESTree.CallExpression): void {
      const binding = sessions.importOf(node.callee);
      if (binding?.module !== 'typeorm' || !typeormGlobals.has(binding.exportName)) return;
      const live = sessions.liveSessions(node).filter((session) => session.kind.packages.includes('typeorm'));
      if (live.length === 0) return;
      const replacement = live.length === 1 ? typeormReplacement(binding.exportName, live[0]!) : undefined;
      // `getManager()` becomes the manager itself; `getRepository(User)` keeps its arguments
      const replaced = binding.exportName === 'getManager' || binding.exportName === 'getConnection' ? node : node.callee;
      context.report({
        node: node.callee,
        messageId: 'globalSessionAccess',
        data: { access: `${sourceCode.getText(node.callee)}()`, target: "TypeORM's default connection", sessions: describeSessions(live) },
        suggest: replacement
          ? [{ messageId: 'suggestUseSession', data: { replacement }, fix: (fixer) => fixer.replaceText(replaced, replacement) }]
          : [],
      });
    }

    /** mongoose's `model('User')` or `mongoose.model('User')`: the default connection, not the test's own one. */
    function checkMongooseDefaultModel(node: TSESTree.CallExpression): void {
      const binding = sessions.importOf(node.callee);
      if (binding?.module !== 'mongoose' || binding.exportName !== 'model') return;
      const live = sessions
        .liveSessions(node)
        .filter((session) => session.kind.specs.some((spec) => spec.name === 'mongoose.Connection'));
      if (live.length === 0) return;
      const replacement = `${live[0]!.name}.model`;
      context.report({
        node: node.callee,
        messageId: 'globalSessionAccess',
        data: { access: `${sourceCode.getText(node.callee)}()`, target: "mongoose's default connection", sessions: describeSessions(live) },
        suggest:
          live.length === 1
            ? [{ messageId: 'suggestUseSession', data: { replacement }, fix: (fixer) => fixer.replaceText(node.callee, replacement) }]
            : [],
      });
    }

    /** Queries through an imported module-level client (`prisma.user.create()`) while the test has its own session. */
    function checkSingletonUses(): void {
      const moduleScope = sourceCode.scopeManager?.globalScope?.childScopes.find((scope) => scope.type === TSESLint.Scope.ScopeType.module);
      const variables = [...(moduleScope?.variables ?? []), ...(sourceCode.scopeManager?.globalScope?.variables ?? [])];
      for (const variable of variables) {
        const value = variable.defs.length === 1 ? sessions.variableValue(variable) : undefined;
        if (!value?.singleton) continue;
        for (const reference of variable.references) {
          if (!reference.isRead() || reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
          const access = queryThrough(reference.identifier, value.kind.specs[0], sessions.catalog);
          if (!access) continue;
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
            suggest:
              exact.length === 1
                ? [
                    {
                      messageId: 'suggestUseSession',
                      data: { replacement: exact[0]!.name },
                      fix: (fixer) => fixer.replaceText(reference.identifier, exact[0]!.name),
                    },
                  ]
                : [],
          });
        }
      }
    }

    return {
      NewExpression: checkConstruction,
      CallExpression(node) {
        checkConstruction(node);
        checkTypeormGlobal(node);
        checkMongooseDefaultModel(node);
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

function unwrapAwaited(node: TSESTree.Node): TSESTree.Node {
  let value = unwrapExpression(node);
  while (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrapExpression(value.argument);
  return value;
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
