import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  type FunctionNode,
  enclosingFunction,
  findVariableOf,
  flattenMemberChain,
  isFunctionNode,
  memberName,
  unwrapExpression,
} from '../analysis/ast';
import { type PromiseFate, promiseFate } from '../analysis/promise-fate';
import { type FileResources, type ResourceCall, getFileResources } from '../analysis/resources';
import type { RunnerCallback } from '../analysis/test-framework';
import { walkOwnBody } from '../analysis/traverse';
import { type TypeServices, getTypeServices } from '../analysis/types';
import { createRule } from '../util/create-rule';
import { AST_NODE_TYPES } from '../util/node-types';

export type Options = [
  {
    /** Use type information to find promise-returning calls and confirm resource receivers. */
    typeAware?: boolean;
    /** Accept `void promise` as a deliberate fire-and-forget. */
    allowVoid?: boolean;
  },
];

export type MessageIds =
  | 'unawaitedResourceCall'
  | 'promiseInSyncCallback'
  | 'unawaitedPromise'
  | 'unawaitedUse'
  | 'missingUse'
  | 'suggestMakeAsyncAndAwait'
  | 'suggestAwait'
  | 'suggestReturn';

export default createRule<Options, MessageIds>({
  name: 'require-async-fixture',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require hooks and fixtures to await the async resources they open and close, and fixtures to await `use()`',
      recommended: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      unawaitedResourceCall:
        '`{{call}}` is not awaited in this {{callback}}: {{consequence}} {{fix}}',
      promiseInSyncCallback:
        'This {{callback}} is synchronous but starts promise work with `{{call}}`; the runner will not wait for it. Make the callback async and await it, or return the promise.',
      unawaitedPromise:
        '`{{call}}` returns a promise that this {{callback}} neither awaits nor returns; the runner will not wait for it. {{fix}}',
      unawaitedUse:
        '`{{use}}()` is not awaited in {{callback}}: the code after it (the teardown) runs while the test is still going. {{fix}}',
      missingUse:
        '{{callback}} can finish without calling `{{use}}()`: the test never starts and the runner waits until its timeout. Call `{{use}}()` on every path, or throw.',
      suggestMakeAsyncAndAwait: 'Make the callback async and await `{{call}}`.',
      suggestAwait: 'Await `{{call}}`.',
      suggestReturn: 'Return `{{call}}` so the runner waits for it.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          typeAware: {
            type: 'boolean',
            description:
              'Use type information (requires `parserOptions.projectService`) to find any promise-returning call and to confirm resource receivers.',
          },
          allowVoid: {
            type: 'boolean',
            description: 'Accept `void promise` in a hook or fixture as a deliberate fire-and-forget.',
          },
        },
      },
    ],
    defaultOptions: [{ typeAware: false, allowVoid: false }],
  },
  create(context, [options]) {
    const resources = getFileResources(context);
    const { info } = resources;
    // outside test files the runner calls only what the module exports (a globalSetup's functions)
    if (!info.isTestFile && info.exportedRunnerCallbacks().length === 0) return {};
    const { sourceCode } = context;
    const types = options.typeAware ? getTypeServices(context) : undefined;
    const callbacks = new Map<FunctionNode, RunnerCallback>();
    // `use(x)` / `runTest()` calls are judged by `checkUseCalls`; with types they are also thenables.
    const useCallNodes = new WeakSet<TSESTree.CallExpression>();

    function register(callback: RunnerCallback, at: TSESTree.Node | undefined): void {
      if (callbacks.has(callback.fn)) return; // `afterAll(close)` and `afterEach(close)`: check `close` once
      callbacks.set(callback.fn, callback);
      if (callback.kind === 'fixture' && callback.fixture?.form === 'object') {
        checkUseCalls(callback, callback.fn.params[1]);
      } else if (callback.kind === 'hook' && (callback.hook === 'aroundEach' || callback.hook === 'aroundAll')) {
        checkUseCalls(callback, callback.fn.params[0]);
      }
      // A function declared before the hook that names it (`function close() {…}; afterAll(close)`)
      // has already been traversed: check its calls now.
      if (at && callback.fn.range[1] <= at.range[0]) {
        walkOwnBody(callback.fn, (node) => {
          if (node.type === AST_NODE_TYPES.CallExpression) checkCall(node, callback);
        });
      }
    }

    /** Every `use(...)` (or `runTest()`) is awaited or returned, and no path skips it. */
    function checkUseCalls(callback: RunnerCallback, useParam: TSESTree.Parameter | undefined): void {
      if (useParam?.type !== AST_NODE_TYPES.Identifier) return;
      const variable = findVariableOf(sourceCode, useParam);
      if (!variable) return;
      const reads = variable.references.filter((reference) => reference.isRead());
      const useCalls: TSESTree.CallExpression[] = [];
      let escapes = false;
      for (const { identifier } of reads) {
        const parent = identifier.parent;
        if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) {
          useCalls.push(parent);
          useCallNodes.add(parent);
        } else {
          escapes = true; // handed to a helper: it may call it
        }
      }
      const useName = useParam.name;
      if (useCalls.length === 0 && !escapes) {
        context.report({ node: useParam, messageId: 'missingUse', data: { use: useName, callback: callback.label } });
        return;
      }
      for (const call of useCalls) {
        const fate = promiseFate(call, sourceCode);
        if (!isDropped(fate)) continue;
        const owner = enclosingFunction(call);
        const ownerIsAsync = owner?.async === true;
        const statement = droppedStatement(fate);
        if (ownerIsAsync && owner === callback.fn && isLastStatement(statement, owner) && callback.framework === 'vitest') {
          // vitest waits for the value handed to `use()`, and nothing in the fixture runs after it.
          continue;
        }
        context.report({
          node: call,
          messageId: 'unawaitedUse',
          data: {
            use: useName,
            callback: callback.label,
            fix: ownerIsAsync ? `Write \`await ${useParam.name}(…)\`.` : `Make the fixture async and write \`await ${useParam.name}(…)\`.`,
          },
          fix: ownerIsAsync && statement ? (fixer) => awaitInsertion(fixer, fate.outermost) : null,
          suggest:
            !ownerIsAsync && owner && statement
              ? [
                  {
                    messageId: 'suggestMakeAsyncAndAwait',
                    data: { call: `${useParam.name}()` },
                    fix: (fixer) => [asyncInsertion(fixer, owner), ...awaitInsertion(fixer, fate.outermost)],
                  },
                ]
              : [],
        });
      }
      if (!escapes && callback.fn.body.type === AST_NODE_TYPES.BlockStatement) {
        const early = earlyReturnBeforeUse(callback.fn.body.body, new Set(useCalls));
        if (early) context.report({ node: early, messageId: 'missingUse', data: { use: useName, callback: callback.label } });
      }
    }

    function isDropped(fate: PromiseFate): boolean {
      return fate.fate === 'dropped' || (fate.fate === 'voided' && !options.allowVoid);
    }

    function checkCall(node: TSESTree.CallExpression, callback: RunnerCallback): void {
      if (useCallNodes.has(node)) return;
      const resourceCall = asyncResourceCall(node, resources, types, callback.doneParam);
      if (resourceCall) {
        reportIfDropped(node, callback, (fate) => ({
          messageId: 'unawaitedResourceCall',
          data: {
            call: callText(node, resourceCall),
            callback: callback.label,
            consequence: consequenceOf(resourceCall),
            fix: fixAdvice(callback, fate),
          },
        }));
        return;
      }
      if (!startsPromiseWork(node, resources, types)) return;
      const sync = !callback.fn.async && !callback.doneParam;
      reportIfDropped(node, callback, (fate) => {
        const data: Record<string, string> = { callback: callback.label, call: callText(node) };
        if (sync) return { messageId: 'promiseInSyncCallback', data };
        return { messageId: 'unawaitedPromise', data: { ...data, fix: fixAdvice(callback, fate) } };
      });
    }

    function reportIfDropped(
      node: TSESTree.CallExpression,
      callback: RunnerCallback,
      describe: (fate: PromiseFate) => { messageId: MessageIds; data: Record<string, string> },
    ): void {
      const fate = promiseFate(node, sourceCode);
      if (!isDropped(fate)) return;
      // In a `done`-style callback a `.then(...)` chain is how completion is signalled, and a `done`
      // handed on (`client.on('end', done)`) signals it from an event: the runner does wait.
      if (callback.doneParam && (fate.chained || isDoneHandedOn(callback.doneParam))) return;
      const { messageId, data } = describe(fate);
      context.report({ node, messageId, data, suggest: suggestionsFor(callback, fate, data.call ?? '') });
    }

    function isDoneHandedOn(doneParam: TSESTree.Parameter): boolean {
      if (doneParam.type !== AST_NODE_TYPES.Identifier) return true;
      const variable = findVariableOf(sourceCode, doneParam);
      return (variable?.references ?? []).some(
        ({ identifier }) => identifier.parent.type !== AST_NODE_TYPES.CallExpression || identifier.parent.callee !== identifier,
      );
    }

    function suggestionsFor(
      callback: RunnerCallback,
      fate: PromiseFate,
      call: string,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const statement = droppedStatement(fate);
      if (!statement || callback.doneParam) return [];
      const suggestions: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const fn = callback.fn;
      if (fn.async) {
        suggestions.push({ messageId: 'suggestAwait', data: { call }, fix: (fixer) => awaitInsertion(fixer, fate.outermost) });
      } else if (!fn.generator) {
        suggestions.push({
          messageId: 'suggestMakeAsyncAndAwait',
          data: { call },
          fix: (fixer) => [asyncInsertion(fixer, fn), ...awaitInsertion(fixer, fate.outermost)],
        });
        const body = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [];
        if (body.at(-1) === statement && fate.fate === 'dropped') {
          suggestions.push({ messageId: 'suggestReturn', data: { call }, fix: (fixer) => fixer.insertTextBefore(fate.outermost, 'return ') });
        }
      }
      return suggestions;
    }

    /** `async ` goes before the function, or before the key of a method shorthand (`beforeAll() {}`). */
    function asyncInsertion(fixer: TSESLint.RuleFixer, fn: FunctionNode): TSESLint.RuleFix {
      const parent = fn.parent;
      const methodStart =
        parent.type === AST_NODE_TYPES.Property && parent.method ? sourceCode.getFirstToken(parent) : undefined;
      return fixer.insertTextBefore(methodStart ?? fn, 'async ');
    }

    return {
      Program() {
        for (const callback of info.exportedRunnerCallbacks()) register(callback, undefined);
      },
      CallExpression(node) {
        if (info.isTestFile) {
          for (const callback of info.runnerCallbacksOf(node)) register(callback, node);
        }
        if (callbacks.size === 0) return;
        const fn = enclosingFunction(node);
        const callback = fn && callbacks.get(fn);
        if (callback) checkCall(node, callback);
      },
    };
  },
});

/** A catalog method that returns a promise (open or release), confirmed by types when they are on. */
function asyncResourceCall(
  node: TSESTree.CallExpression,
  resources: FileResources,
  types: TypeServices | undefined,
  doneParam?: TSESTree.Parameter,
): ResourceCall | undefined {
  const call = resources.resourceCall(node, types);
  if (!call || call.effect === 'syncRelease') return undefined;
  // A trailing callback means the callback API: nothing to await.
  const last = node.arguments.at(-1);
  if (last && isCallbackArgument(last, resources, doneParam)) return undefined;
  // pg's `client.query(new QueryStream(sql))` returns the submittable it was given, not a promise.
  if (call.effect === 'work' && node.arguments[0]?.type === AST_NODE_TYPES.NewExpression) return undefined;
  if (types && !types.isUntyped(node) && !types.isThenable(node)) return undefined;
  return call;
}

const callbackNames = /^(done|cb|callback|next)$/i;

/** `() => {…}`, a same-file function, the hook's `done`, or a name that says callback (`pool.end(done)`). */
function isCallbackArgument(argument: TSESTree.Node, resources: FileResources, doneParam: TSESTree.Parameter | undefined): boolean {
  const value = unwrapExpression(argument);
  if (isFunctionNode(value)) return true;
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  if (doneParam?.type === AST_NODE_TYPES.Identifier && doneParam.name === value.name) return true;
  return callbackNames.test(value.name) || resources.info.resolveLocalFunction(value) !== undefined;
}

/** Promise work that is not a catalog call: a same-file async function, a `.then()` chain, or (typed) any thenable. */
function startsPromiseWork(node: TSESTree.CallExpression, resources: FileResources, types: TypeServices | undefined): boolean {
  const callee = unwrapExpression(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const fn = resources.info.resolveLocalFunction(callee);
    if (fn?.async) return true;
  }
  // Without types a `.then()` proves nothing (Cypress chains have one too): only a chain that starts at a
  // known promise (`fetch()`, `Promise.resolve()`, `new Promise(…)`) counts.
  if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'then' && !types) {
    return isBuiltinPromise(unwrapExpression(callee.object));
  }
  if (types) {
    if (callee.type === AST_NODE_TYPES.MemberExpression && ['then', 'catch', 'finally'].includes(memberName(callee) ?? '')) return false;
    return types.isThenable(node);
  }
  return false;
}

/** `fetch(url)`, `Promise.resolve(x)`, `new Promise(fn)`: promises by definition, when not shadowed. */
function isBuiltinPromise(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.NewExpression) {
    return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise';
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapExpression(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'fetch';
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Promise'
  );
}

/** The statement that throws a promise away, when the promise is the whole statement. */
/** Whether `statement` ends the function's body: no code of the function runs after it. */
function isLastStatement(statement: TSESTree.Statement | undefined, fn: FunctionNode): boolean {
  return statement !== undefined && fn.body.type === AST_NODE_TYPES.BlockStatement && fn.body.body.at(-1) === statement;
}

function droppedStatement(fate: PromiseFate): TSESTree.ExpressionStatement | undefined {
  // `[a.end(), b.end()];` is an array, not a promise: neither `await` nor `return` would wait for it.
  if (fate.fate !== 'dropped' || fate.outermost.type === AST_NODE_TYPES.ArrayExpression) return undefined;
  const parent = fate.outermost.parent;
  return parent?.type === AST_NODE_TYPES.ExpressionStatement ? parent : undefined;
}

/** `await ` before a call; `await (…)` around `a && b.end()`, `c ? x() : y()`, `a, b()`, `p as T`, where a bare `await` would bind to the first operand. */
function awaitInsertion(fixer: TSESLint.RuleFixer, expression: TSESTree.Node): TSESLint.RuleFix[] {
  switch (expression.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return [fixer.insertTextBefore(expression, 'await ')];
    default:
      return [fixer.insertTextBefore(expression, 'await ('), fixer.insertTextAfter(expression, ')')];
  }
}

function callText(node: TSESTree.CallExpression, call?: ResourceCall): string {
  if (call) return `${call.receiverText === call.method ? '' : `${call.receiverText}.`}${call.method}()`;
  const callee = unwrapExpression(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return `${callee.name}()`;
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // `repo.save()`, `this.db.seed()`; a call in the chain (`fetch(url).then()`) is shortened to `.then()`.
    const chain = flattenMemberChain(callee);
    if (chain?.root.type === AST_NODE_TYPES.Identifier) return `${[chain.root.name, ...chain.members].join('.')}()`;
    if (chain?.root.type === AST_NODE_TYPES.ThisExpression) return `${['this', ...chain.members].join('.')}()`;
    const name = memberName(callee);
    if (name !== undefined) return `.${name}()`;
  }
  return 'this call';
}

function consequenceOf(call: ResourceCall): string {
  const name = call.ref.spec.name;
  switch (call.effect) {
    case 'open':
      return `the tests may start before the ${name} is ready.`;
    case 'work':
      return 'the tests may start, or the resource may be closed, before it finishes.';
    default:
      return `the ${name} may still be open when the next test or worker starts, and the run may not exit.`;
  }
}

function fixAdvice(callback: RunnerCallback, fate: PromiseFate): string {
  if (callback.doneParam) return 'Call `done` when the promise settles, or drop `done` and return the promise.';
  if (fate.fate === 'voided') return 'Await it instead of voiding it.';
  return callback.fn.async ? 'Await it.' : 'Make the callback async and await it, or return the promise.';
}

/** A `return` at the top of a fixture body, before any statement that calls `use`. */
function earlyReturnBeforeUse(
  statements: readonly TSESTree.Statement[],
  useCalls: ReadonlySet<TSESTree.CallExpression>,
): TSESTree.ReturnStatement | undefined {
  for (const statement of statements) {
    if (statement.type === AST_NODE_TYPES.FunctionDeclaration) continue;
    let callsUse = false;
    let earlyReturn: TSESTree.ReturnStatement | undefined;
    walkOwnBody(statement, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && useCalls.has(node)) callsUse = true;
      if (node.type === AST_NODE_TYPES.ReturnStatement) earlyReturn ??= node;
    });
    if (callsUse) return undefined;
    if (earlyReturn) return earlyReturn;
  }
  return undefined;
}
