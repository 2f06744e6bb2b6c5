import { TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { constructedClassName, enclosingFunction, findVariableOf, type FunctionNode, isFunctionNode, memberName, propertyKeyName, unwrapExpression } from './ast';
import { walk } from './traverse';
import { AST_NODE_TYPES } from '../util/node-types';

const { DefinitionType } = TSESLint.Scope;

/**
 * How directly a holder carries the resource:
 * - `direct`: it is the resource (`const db = new Pool()`, `this.db = db`);
 * - `contained`: it holds the resource somewhere inside (`clients.push(db)`, `{ db }`, `new Repo(db)`);
 * - `derived`: it came out of a method call on the resource and may be the resource or plain data
 *   (`prisma.$extends(…)`, `container.getConnectionUri()`). Only explicit release calls on it count.
 */
export type HoldStrength = 'direct' | 'contained' | 'derived';

const strengthRank: Record<HoldStrength, number> = { direct: 0, contained: 1, derived: 2 };

function weaker(a: HoldStrength, b: HoldStrength): HoldStrength {
  return strengthRank[a] >= strengthRank[b] ? a : b;
}

/** Something that ends a resource's life, or hands it to code that does. */
export interface ReleaseEvidence {
  /**
   * `release`: a release method is called or referenced (`db.end()`, `server.close.bind(server)`);
   * `handoff`: the resource is passed to a call, or iterated, in a teardown; `owned`: passed to an
   * owner function; `dispose`: bound with `using`/`await using`.
   */
  kind: 'release' | 'handoff' | 'owned' | 'dispose';
  /** Where it happens: the release call, the hand-off call, or the `using` declaration. */
  node: TSESTree.Node;
  /** Whether the resource got there through a collection, wrapper or derived value (so it may be one of many). */
  indirect: boolean;
}

/** What became of a resource after it was acquired. */
export interface ResourceLifetime {
  /** The resource went somewhere it cannot be followed (exported, a global, returned from a helper, …). */
  escaped: boolean;
  evidence: ReleaseEvidence[];
  /** Source text of the first binding that holds the resource directly (`pool`, `this.db`, `ctx.server`). */
  holderText?: string;
  /** The first variable that holds the resource directly, for suggestions. */
  holderVariable?: TSESLint.Scope.Variable;
  /**
   * The binding of what took the resource over (`app` in `app = moduleRef.createNestApplication()`):
   * closing it closes the resource, so advice should name it.
   */
  owner?: { text: string; variable?: TSESLint.Scope.Variable };
  /** Every place a direct holder is read or written, for callers that look at where the resource is used. */
  directOccurrences: TSESTree.Node[];
  /** Whether one of the resource's open methods is called on a direct holder (`moduleRef.init()`, `client.connect()`). */
  opened: boolean;
}

/** What the tracer asks the rule about the file's test structure and its options. */
export interface LifetimeQuestions {
  /** Method names that release the resource. */
  releaseMethods: ReadonlySet<string>;
  /** Methods whose result takes the resource over (`createNestApplication`). */
  ownedBy: ReadonlySet<string>;
  /** Methods whose result is a different thing with its own lifetime (a pool client, a page). */
  separateResults: ReadonlySet<string>;
  /** The resource's open methods, whose result is often the resource itself (`new MongoClient(url).connect()`). */
  openMethods: ReadonlySet<string>;
  /** A project function that takes ownership of its arguments. */
  isOwnerCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean;
  /** A fixture's `use(…)` or an `aroundEach`'s `runTest(…)`: hands the value to the test, not away. */
  isUseCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean;
  /** A test-framework call (`describe.each([...])`, `test(...)`): not a place a resource is handed to. */
  isFrameworkCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean;
  /** Whether code at `node` runs as teardown: an after-hook, a cleanup callback, a fixture after `use`, a `finally`. */
  isTeardownLocation(node: TSESTree.Node): boolean;
  /**
   * Whether `fn` is a function the runner calls (a hook, fixture, test or cleanup): what it returns
   * goes to the runner, which awaits it or hands it to the test, but does not close it.
   */
  returnsToRunner(fn: FunctionNode): boolean;
}

const collectionMethods = new Set(['push', 'unshift', 'add', 'set', 'splice']);
const iterationMethods = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find']);
const promiseCombinators = new Set(['all', 'allSettled']);
/** Assignments that store the right-hand value: `x = v`, and the logical forms that may. */
const storingOperators = new Set(['=', '??=', '||=', '&&=']);

type Holder =
  | { kind: 'variable'; variable: TSESLint.Scope.Variable; text: string }
  | { kind: 'member'; key: string; text: string };

interface TraceState {
  result: ResourceLifetime;
  visited: Map<TSESLint.Scope.Variable | string, HoldStrength>;
  queue: { holder: Holder; strength: HoldStrength }[];
  /** Set while following the result of an `ownedBy` method, so its binding is recorded as the owner. */
  takingOver: boolean;
}

/**
 * Follows a resource from the expression that acquires it through the bindings, properties,
 * collections and wrappers that hold it, collecting every place it is released or handed over.
 * Anything it cannot follow marks the resource as escaped, so a rule can stay quiet.
 */
export class LifetimeTracer {
  private memberIndex: MemberIndex | undefined;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly questions: LifetimeQuestions,
  ) {}

  /** Follows the value of `acquisition`; `heldBy` is a binding that already holds the same resource. */
  trace(acquisition: TSESTree.Node, heldBy?: TSESTree.Identifier): ResourceLifetime {
    const state: TraceState = {
      result: { escaped: false, evidence: [], directOccurrences: [], opened: false },
      visited: new Map(),
      queue: [],
      takingOver: false,
    };
    this.classify(acquisition, 'direct', state, 0);
    if (heldBy) this.bind(heldBy, 'direct', state);
    for (let step = 0; step < state.queue.length && step < 200; step++) {
      const { holder, strength } = state.queue[step]!;
      this.expand(holder, strength, state);
    }
    return state.result;
  }

  private enqueue(holder: Holder, strength: HoldStrength, state: TraceState): void {
    const id = holder.kind === 'variable' ? holder.variable : holder.key;
    const seen = state.visited.get(id);
    if (seen !== undefined && strengthRank[seen] <= strengthRank[strength]) return;
    state.visited.set(id, strength);
    if (strength === 'direct' && state.takingOver && !state.result.owner) {
      state.result.owner = { text: holder.text, variable: holder.kind === 'variable' ? holder.variable : undefined };
    }
    if (strength === 'direct' && state.result.holderText === undefined) {
      state.result.holderText = holder.text;
      if (holder.kind === 'variable') state.result.holderVariable = holder.variable;
    }
    state.queue.push({ holder, strength });
  }

  /** Looks at every read of a holder. */
  private expand(holder: Holder, strength: HoldStrength, state: TraceState): void {
    if (holder.kind === 'variable') {
      for (const reference of holder.variable.references) {
        if (strength === 'direct') state.result.directOccurrences.push(reference.identifier);
        if (!reference.isRead()) continue;
        // `typeof db` in a type; eslint-scope (plain JS) has neither flag, and every reference is a value.
        if (reference.isTypeReference && !reference.isValueReference) continue;
        if (reference.isWrite()) continue; // `db += …`, `db ??= …`: not a use of the value
        this.classify(reference.identifier, strength, state, 0);
      }
      return;
    }
    const index = this.index();
    for (const member of index.membersWithKey(holder.key)) {
      if (strength === 'direct') state.result.directOccurrences.push(member);
      if (isAssignmentTarget(member)) continue;
      this.classify(member, strength, state, 0);
    }
    // `afterEach(({ db }) => db.end())`, `const { db } = ctx`
    for (const local of index.destructuredWithKey(holder.key)) {
      const variable = findVariableOf(this.sourceCode, local);
      if (variable) this.enqueue({ kind: 'variable', variable, text: local.name }, strength, state);
    }
  }

  private record(state: TraceState, kind: ReleaseEvidence['kind'], node: TSESTree.Node, strength: HoldStrength): void {
    state.result.evidence.push({ kind, node, indirect: strength !== 'direct' });
  }

  private escape(state: TraceState, strength: HoldStrength, exported = false): void {
    // A value derived from the resource (a URL, a port) may go anywhere without taking the resource along.
    if (strength !== 'derived' || exported) state.result.escaped = true;
  }

  /** What happens to the value of `node`, which is (or contains) the resource. */
  private classify(node: TSESTree.Node, strength: HoldStrength, state: TraceState, depth: number): void {
    if (depth > 30) {
      this.escape(state, strength);
      return;
    }
    let current = node;
    for (;;) {
      const parent = current.parent;
      if (!parent) return;
      if (
        parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
        parent.type === AST_NODE_TYPES.TSTypeAssertion ||
        parent.type === AST_NODE_TYPES.TSInstantiationExpression ||
        parent.type === AST_NODE_TYPES.ChainExpression ||
        parent.type === AST_NODE_TYPES.AwaitExpression
      ) {
        current = parent;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.ConditionalExpression) {
        if (parent.test === current) return;
        current = parent;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.LogicalExpression) {
        if (parent.operator === '&&' && parent.left === current) return; // `db && db.end()`: a condition
        current = parent;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.SequenceExpression) {
        if (parent.expressions.at(-1) !== current) return;
        current = parent;
        continue;
      }
      break;
    }
    const parent = current.parent;
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object === current) this.classifyMemberChain(current, strength, state, depth);
        return;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee !== current) this.classifyArgument(parent, current, strength, state, depth);
        return;
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.SpreadElement:
        this.classifyInLiteral(current, strength, state, depth);
        return;
      case AST_NODE_TYPES.Property:
        if (parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
          this.classifyInLiteral(current, strength, state, depth);
        } else if (parent.value === current) {
          this.escape(state, strength); // a default in a destructuring pattern
        }
        return;
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === current) this.bind(parent.id, strength, state, parent);
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right === current && storingOperators.has(parent.operator)) this.bind(parent.left, strength, state);
        return;
      case AST_NODE_TYPES.ReturnStatement:
        this.classifyReturn(current, strength, state);
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body === current) this.classifyReturn(current, strength, state);
        return;
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
        if (parent.right !== current || strength === 'derived') return;
        // `for (const client of clients) await client.close()`
        if (this.questions.isTeardownLocation(parent)) this.record(state, 'handoff', parent, strength);
        if (parent.left.type === AST_NODE_TYPES.VariableDeclaration) {
          const declarator = parent.left.declarations[0];
          if (declarator) this.bind(declarator.id, 'contained', state);
        } else {
          this.bind(parent.left, 'contained', state);
        }
        return;
      case AST_NODE_TYPES.ExportSpecifier:
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        this.escape(state, strength, true);
        return;
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.SwitchStatement:
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.TaggedTemplateExpression:
      case AST_NODE_TYPES.ThrowStatement:
      case AST_NODE_TYPES.TSTypeQuery:
      case AST_NODE_TYPES.TSQualifiedName:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
        return;
      default:
        this.escape(state, strength);
    }
  }

  /** `db.end()`, `db.close.bind(db)`, `app.createNestApplication()`, `db.query(…)`, `ctx.db`. */
  private classifyMemberChain(base: TSESTree.Node, strength: HoldStrength, state: TraceState, depth: number): void {
    const names: string[] = [];
    let releaseCall: TSESTree.Node | undefined;
    let sawCall = false;
    let firstCall: TSESTree.CallExpression | undefined;
    let top: TSESTree.Node = base;
    for (;;) {
      const parent: TSESTree.Node | undefined = top.parent;
      if (!parent) break;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === top) {
        const name = memberName(parent) ?? '';
        names.push(name);
        if (!releaseCall && (this.questions.releaseMethods.has(name) || isDisposeSymbolMember(parent))) {
          releaseCall = parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent ? parent.parent : parent;
        }
      } else if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === top) {
        if (!sawCall && names.length === 1) firstCall = parent;
        sawCall = true;
      } else if (
        !(
          parent.type === AST_NODE_TYPES.ChainExpression ||
          parent.type === AST_NODE_TYPES.TSNonNullExpression ||
          parent.type === AST_NODE_TYPES.TSAsExpression ||
          (parent.type === AST_NODE_TYPES.AwaitExpression && parent.argument === top)
        )
      ) {
        break;
      }
      top = parent;
    }
    if (releaseCall) {
      this.record(state, 'release', releaseCall, strength);
      return;
    }
    const first = names[0] ?? '';
    if (strength === 'direct' && this.questions.ownedBy.has(first)) {
      // `moduleRef.createNestApplication()`: closing the app closes the module.
      state.takingOver = true;
      this.classify(top, 'direct', state, depth + 1);
      state.takingOver = false;
      return;
    }
    const opens = strength === 'direct' && sawCall && this.questions.openMethods.has(first);
    if (opens) state.result.opened = true;
    if (this.questions.separateResults.has(first)) return;
    // `await new MongoClient(url).connect()` gives the client back; a query result is harmless to follow.
    if (opens) {
      this.classify(top, 'direct', state, depth + 1);
      return;
    }
    // `clients.forEach((client) => client.end())`, `Promise.all(servers.map((s) => s.close()))`
    if (strength === 'contained' && iterationMethods.has(first) && firstCall) {
      const callback = firstCall.arguments[0];
      if (callback && isFunctionNode(callback) && callback.params[0]) {
        if (this.questions.isTeardownLocation(firstCall)) this.record(state, 'handoff', firstCall, strength);
        this.bind(callback.params[0], 'contained', state);
        return;
      }
    }
    // A property of a container may be the resource (`state.db`); anything else a call gives back is derived.
    const next: HoldStrength = !sawCall && strength === 'contained' ? 'contained' : 'derived';
    this.classify(top, weaker(strength, next), state, depth + 1);
  }

  /** The resource (or a value holding it) passed to a call. */
  private classifyArgument(
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    argument: TSESTree.Node,
    strength: HoldStrength,
    state: TraceState,
    depth: number,
  ): void {
    if (strength === 'derived') return; // a URL or port passed on does not take the resource along
    if (this.questions.isOwnerCall(call)) {
      this.record(state, 'owned', call, strength);
      return;
    }
    if (this.questions.isTeardownLocation(call)) {
      this.record(state, 'handoff', call, strength);
      return;
    }
    if (this.questions.isUseCall(call) || this.questions.isFrameworkCall(call)) return;
    const callee = unwrapExpression(call.callee);
    if (call.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(callee) ?? '';
      // `clients.push(db)`, `servers.add(server)`, `registry.set('db', db)`
      if (collectionMethods.has(method)) {
        this.bind(callee.object, 'contained', state);
        return;
      }
      // `Object.assign(ctx, { db })`
      const object = unwrapExpression(callee.object);
      if (method === 'assign' && object.type === AST_NODE_TYPES.Identifier && object.name === 'Object' && call.arguments[0] !== argument) {
        const target = call.arguments[0];
        if (target) this.bind(target, 'contained', state);
        return;
      }
      // `stack.use(db)`, `stack.adopt(db, …)` on an (Async)DisposableStack
      if ((method === 'use' || method === 'adopt') && this.isDisposableStack(callee.object)) {
        this.record(state, 'dispose', call, strength);
        return;
      }
    }
    // The call's result may wrap the resource: `new Repo(db)`, `Test.createTestingModule({ … db … }).compile()`.
    this.classify(call, 'contained', state, depth + 1);
  }

  /** The resource as an element of an array or object literal. */
  private classifyInLiteral(node: TSESTree.Node, strength: HoldStrength, state: TraceState, depth: number): void {
    // `const [pg, redis] = await Promise.all([startPg(), startRedis()])`: follow each element to its binding.
    const array = node.parent;
    if (array?.type === AST_NODE_TYPES.ArrayExpression) {
      const index = array.elements.indexOf(node as TSESTree.Expression);
      const pattern = index >= 0 ? promiseAllPattern(array) : undefined;
      if (pattern) {
        const element = pattern.elements[index];
        if (element) this.bind(element, strength, state);
        return;
      }
    }
    let literal: TSESTree.Node = node;
    for (;;) {
      const parent: TSESTree.Node | undefined = literal.parent;
      if (!parent) break;
      if (
        parent.type === AST_NODE_TYPES.ArrayExpression ||
        parent.type === AST_NODE_TYPES.ObjectExpression ||
        (parent.type === AST_NODE_TYPES.SpreadElement && parent.parent.type !== AST_NODE_TYPES.CallExpression && parent.parent.type !== AST_NODE_TYPES.NewExpression) ||
        (parent.type === AST_NODE_TYPES.Property && parent.value === literal && parent.parent.type === AST_NODE_TYPES.ObjectExpression)
      ) {
        literal = parent;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.SpreadElement) {
        literal = parent; // `f(...[db])`: treat the spread as the argument
      }
      break;
    }
    if (literal.type === AST_NODE_TYPES.SpreadElement && literal.parent && (literal.parent.type === AST_NODE_TYPES.CallExpression || literal.parent.type === AST_NODE_TYPES.NewExpression)) {
      this.classifyArgument(literal.parent, literal, strength, state, depth + 1);
      return;
    }
    this.classify(literal, weaker(strength, 'contained'), state, depth + 1);
  }

  private classifyReturn(node: TSESTree.Node, strength: HoldStrength, state: TraceState): void {
    const fn = enclosingFunction(node);
    if (fn && this.questions.returnsToRunner(fn)) return;
    this.escape(state, strength);
  }

  /** Binds the value to a pattern: a variable, a tracked member, or the leaves of a destructuring pattern. */
  private bind(target: TSESTree.Node, strength: HoldStrength, state: TraceState, declarator?: TSESTree.VariableDeclarator): void {
    const value = unwrapExpression(target);
    switch (value.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariableOf(this.sourceCode, value);
        if (!variable || variable.defs.length !== 1) {
          this.escape(state, strength); // a global or a redeclared name
          return;
        }
        const declaration = variableDeclarationOf(variable);
        if (declaration?.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) {
          this.escape(state, strength, true);
          return;
        }
        if (declarator && (declarator.parent.kind === 'using' || declarator.parent.kind === 'await using')) {
          this.record(state, 'dispose', declarator, strength);
          return;
        }
        this.enqueue({ kind: 'variable', variable, text: value.name }, strength, state);
        return;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const key = this.index().keyOf(value);
        if (key === undefined) {
          this.escape(state, strength); // `process.env.X = …`, `global.__DB__ = …`, `a.b.c = …`
          return;
        }
        this.enqueue({ kind: 'member', key, text: this.sourceCode.getText(value) }, strength, state);
        return;
      }
      case AST_NODE_TYPES.ObjectPattern:
      case AST_NODE_TYPES.ArrayPattern:
        // Destructuring the resource itself (`const { em } = orm`) gives its parts; destructuring a container gives its contents.
        if (strength === 'direct') return;
        for (const leaf of patternLeaves(value)) this.bind(leaf, strength, state);
        return;
      case AST_NODE_TYPES.AssignmentPattern:
        this.bind(value.left, strength, state);
        return;
      default:
        this.escape(state, strength);
    }
  }

  private isDisposableStack(node: TSESTree.Node): boolean {
    const value = unwrapExpression(node);
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const created = constructedClassName(findVariableOf(this.sourceCode, value));
    return created === 'AsyncDisposableStack' || created === 'DisposableStack';
  }

  private index(): MemberIndex {
    this.memberIndex ??= MemberIndex.of(this.sourceCode);
    return this.memberIndex;
  }
}

/** `db[Symbol.asyncDispose]`, `db[Symbol.dispose]`: what `await using` would call. */
function isDisposeSymbolMember(member: TSESTree.MemberExpression): boolean {
  if (!member.computed) return false;
  const key = unwrapExpression(member.property);
  if (key.type !== AST_NODE_TYPES.MemberExpression) return false;
  const symbol = unwrapExpression(key.object);
  const name = memberName(key);
  return symbol.type === AST_NODE_TYPES.Identifier && symbol.name === 'Symbol' && (name === 'asyncDispose' || name === 'dispose');
}

function isAssignmentTarget(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member && parent.operator === '=';
}

function variableDeclarationOf(variable: TSESLint.Scope.Variable): TSESTree.VariableDeclaration | undefined {
  const def = variable.defs[0];
  return def?.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node.parent : undefined;
}

function patternLeaves(pattern: TSESTree.ObjectPattern | TSESTree.ArrayPattern): TSESTree.Node[] {
  const leaves: TSESTree.Node[] = [];
  if (pattern.type === AST_NODE_TYPES.ArrayPattern) {
    for (const element of pattern.elements) if (element) leaves.push(element.type === AST_NODE_TYPES.RestElement ? element.argument : element);
  } else {
    for (const property of pattern.properties) {
      leaves.push(property.type === AST_NODE_TYPES.RestElement ? property.argument : property.value);
    }
  }
  return leaves;
}

/** The array pattern that destructures `await Promise.all(array)`, if any. */
function promiseAllPattern(array: TSESTree.ArrayExpression): TSESTree.ArrayPattern | undefined {
  const call = array.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== array) return undefined;
  const callee = unwrapExpression(call.callee);
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.object.type !== AST_NODE_TYPES.Identifier ||
    callee.object.name !== 'Promise' ||
    !promiseCombinators.has(memberName(callee) ?? '')
  ) {
    return undefined;
  }
  let value: TSESTree.Node = call;
  while (value.parent?.type === AST_NODE_TYPES.AwaitExpression || value.parent?.type === AST_NODE_TYPES.TSAsExpression) value = value.parent;
  const parent = value.parent;
  const target =
    parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value
      ? parent.id
      : parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value
        ? parent.left
        : undefined;
  return target?.type === AST_NODE_TYPES.ArrayPattern ? target : undefined;
}

/**
 * The file's `x.name` member expressions and `{ name }` destructurings of a context, grouped by
 * name once, so tracing `this.db` or `ctx.db` looks only at members called `db`.
 */
class MemberIndex {
  private readonly variableIds = new WeakMap<TSESLint.Scope.Variable, number>();
  private readonly keyCache = new WeakMap<TSESTree.MemberExpression, string | null>();

  private constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly membersByName: Map<string, TSESTree.MemberExpression[]>,
    private readonly destructuredByName: Map<string, { property: TSESTree.Property; local: TSESTree.Identifier }[]>,
  ) {}

  /** The file's index, built on first use and shared by every tracer of the file. */
  static of(sourceCode: Readonly<TSESLint.SourceCode>): MemberIndex {
    let index = memberIndexCache.get(sourceCode.ast);
    if (!index) {
      index = MemberIndex.build(sourceCode);
      memberIndexCache.set(sourceCode.ast, index);
    }
    return index;
  }

  private static build(sourceCode: Readonly<TSESLint.SourceCode>): MemberIndex {
    const members = new Map<string, TSESTree.MemberExpression[]>();
    const destructured = new Map<string, { property: TSESTree.Property; local: TSESTree.Identifier }[]>();
    walk(sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(node);
        if (name === undefined) return;
        const list = members.get(name) ?? [];
        list.push(node);
        members.set(name, list);
      } else if (node.type === AST_NODE_TYPES.Property && node.parent.type === AST_NODE_TYPES.ObjectPattern) {
        // `{ db }`, `{ 'db': db }`, `{ ['db']: db }`: the same names `memberName` gives `ctx.db` and `ctx['db']`
        const name = propertyKeyName(node);
        const value = node.value.type === AST_NODE_TYPES.AssignmentPattern ? node.value.left : node.value;
        if (name === undefined || value.type !== AST_NODE_TYPES.Identifier) return;
        const list = destructured.get(name) ?? [];
        list.push({ property: node, local: value });
        destructured.set(name, list);
      }
    });
    return new MemberIndex(sourceCode, members, destructured);
  }

  /**
   * A key that names the same slot wherever it is written or read: `this.db`, `param.db` for a
   * property of any callback parameter (the context the runner passes to every hook and test), and
   * `var<N>.db` for a property of a variable. Untrackable members (globals, deeper chains) give undefined.
   */
  keyOf(member: TSESTree.MemberExpression): string | undefined {
    const cached = this.keyCache.get(member);
    if (cached !== undefined) return cached ?? undefined;
    const key = this.computeKey(member);
    this.keyCache.set(member, key ?? null);
    return key;
  }

  membersWithKey(key: string): TSESTree.MemberExpression[] {
    const name = key.slice(key.indexOf('.') + 1);
    return (this.membersByName.get(name) ?? []).filter((member) => this.keyOf(member) === key);
  }

  /** Locals bound by destructuring the slot's owner: `({ db }) => …` for `param.db`, `const { db } = state` for `var<N>.db`. */
  destructuredWithKey(key: string): TSESTree.Identifier[] {
    const name = key.slice(key.indexOf('.') + 1);
    const locals: TSESTree.Identifier[] = [];
    for (const { property, local } of this.destructuredByName.get(name) ?? []) {
      const pattern = property.parent as TSESTree.ObjectPattern;
      const owner = pattern.parent;
      if (isFunctionNode(owner) && owner.params.includes(pattern)) {
        if (key.startsWith('param.')) locals.push(local);
      } else if (owner?.type === AST_NODE_TYPES.VariableDeclarator && owner.id === pattern && owner.init) {
        if (this.rootKey(owner.init) === key.slice(0, key.indexOf('.'))) locals.push(local);
      }
    }
    return locals;
  }

  private computeKey(member: TSESTree.MemberExpression): string | undefined {
    const name = memberName(member);
    if (name === undefined) return undefined;
    const root = this.rootKey(member.object);
    return root === undefined ? undefined : `${root}.${name}`;
  }

  private rootKey(node: TSESTree.Node): string | undefined {
    const object = unwrapExpression(node);
    if (object.type === AST_NODE_TYPES.ThisExpression) return 'this';
    if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = findVariableOf(this.sourceCode, object);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !def) return undefined;
    if (def.type === DefinitionType.Parameter) return 'param';
    if (def.type === DefinitionType.ImportBinding) return undefined; // a module's members are not ours to track
    let id = this.variableIds.get(variable);
    if (id === undefined) {
      id = nextVariableId++;
      this.variableIds.set(variable, id);
    }
    return `var${id}`;
  }
}

let nextVariableId = 0;
const memberIndexCache = new WeakMap<TSESTree.Program, MemberIndex>();
