import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  type FunctionNode,
  enclosingFunction,
  findVariableOf,
  flattenMemberChain,
  isFunctionNode,
  isWithin,
  memberName,
  unwrapExpression,
} from '../analysis/ast';
import { type ResourceSpec, genericReleaseMethods } from '../analysis/catalog';
import { type LifetimeQuestions, LifetimeTracer, type ReleaseEvidence, type ResourceLifetime } from '../analysis/resource-lifetime';
import { type ResourceCall, type ResourceRef, getFileResources, importedBindingOfVariable } from '../analysis/resources';
import { catalogReleasesIn } from '../analysis/lifecycle';
import type { CallbackTiming, FileTestInfo, Framework, RunnerCallback } from '../analysis/test-framework';
import { createRule } from '../util/create-rule';
import { AST_NODE_TYPES } from '../util/node-types';

export type Options = [
  {
    /** Extra method names that release a resource. */
    releaseMethods?: string[];
    /** Project functions (or classes) that return a resource the caller must release. */
    acquireFunctions?: string[];
    /** Project functions that take ownership of the resources passed to them. */
    ownerFunctions?: string[];
  },
];

export type MessageIds =
  | 'missingTeardown'
  | 'teardownScopeMismatch'
  | 'teardownBeforeUse'
  | 'suggestTeardownHook'
  | 'suggestReleaseAfterUse';

/** How each runner shows a worker that an open handle keeps alive after the last test. */
const hangSymptoms: Partial<Record<Framework, string>> = {
  jest: '"Jest did not exit one second after the test run has completed"',
  vitest: 'vitest\'s "close timed out after 10000ms"',
  mocha: 'mocha does not exit without `--exit`',
  'node:test': '`node --test` waits for it',
  playwright: 'Playwright\'s "Worker teardown timeout"',
};

const teardownHookNames: Record<string, string> = {
  beforeAll: 'afterAll',
  beforeEach: 'afterEach',
  before: 'after',
  suiteSetup: 'suiteTeardown',
  setup: 'teardown',
};

export default createRule<Options, MessageIds>({
  name: 'require-resource-teardown',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require every resource a hook, fixture or test file opens to be closed, in a teardown that runs as often as the setup',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      missingTeardown:
        '`{{name}}` ({{resource}}) is opened in {{site}} and never closed: it keeps the worker alive after the last test ({{symptom}}) and holds its connections while other files run. {{advice}}',
      teardownScopeMismatch:
        '`{{name}}` ({{resource}}) is opened {{opened}} but closed {{closed}}: {{consequence}} Open and close it at the same level.',
      teardownBeforeUse:
        '`{{call}}` closes `{{name}}` ({{resource}}) before {{handover}}, so the test gets a closed resource. Move the release {{where}}.',
      suggestTeardownHook: 'Close `{{name}}` in a new `{{hook}}` hook.',
      suggestReleaseAfterUse: 'Close `{{name}}` after `{{use}}(…)`.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          releaseMethods: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Extra method names that release a resource, on top of the catalog and close/destroy/end/stop/quit/disconnect/$disconnect/dispose/shutdown/terminate/kill/unref.',
          },
          acquireFunctions: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Project functions (or classes, called with `new`) whose result must be released: `createTestApp`, or a dotted path such as `helpers.startServer`.',
          },
          ownerFunctions: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Project functions that take ownership of the resources passed to them and release them later: `registerForCleanup`.',
          },
        },
      },
    ],
    defaultOptions: [{ releaseMethods: [], acquireFunctions: [], ownerFunctions: [] }],
  },
  create(context, [options]) {
    const acquireNames = new FunctionNames(options.acquireFunctions ?? []);
    const ownerNames = new FunctionNames(options.ownerFunctions ?? []);
    const resources = getFileResources(context);
    const { info, catalog } = resources;
    if (!info.isTestFile) return {};
    // A file that binds no catalog package opens nothing the rule knows.
    const imports = resources.catalogBindings();
    if (acquireNames.isEmpty && imports.names.size === 0) return {};

    const moduleResourceNames = imports.moduleResourceNames;
    const acquisitionMethods = catalog.acquisitionMethodNames;
    /** Whether a call or `new` could create a resource, judged by names alone, before any scope lookup. */
    const couldAcquire = (node: TSESTree.CallExpression | TSESTree.NewExpression): boolean => {
      const callee = unwrapExpression(node.callee);
      if (!acquireNames.isEmpty && acquireNames.match(callee) !== undefined) return true;
      let root: TSESTree.Node = callee;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrapExpression(root.object);
      const rootName = root.type === AST_NODE_TYPES.Identifier ? root.name : undefined;
      if (node.type === AST_NODE_TYPES.NewExpression || callee.type !== AST_NODE_TYPES.MemberExpression) {
        return rootName !== undefined && imports.names.has(rootName);
      }
      const last = memberName(callee);
      return (last !== undefined && acquisitionMethods.has(last)) || (rootName !== undefined && moduleResourceNames.has(rootName));
    };
    const registered = new Map<FunctionNode, RegisteredCallback>();
    const suiteBodies = new Map<FunctionNode, TSESTree.CallExpression>();
    const calls: CallRecord[] = [];
    let firstHookCall: TSESTree.CallExpression | undefined;
    let framework: Framework | undefined;
    // A file under tests/ with no test, suite, hook or fixture in it (a helper, a code sample) does not run as a test file.
    let hasTestStructure = info.exportedRunnerCallbacks().length > 0;

    function register(callback: RunnerCallback, call?: TSESTree.CallExpression): void {
      if (!registered.has(callback.fn)) registered.set(callback.fn, { callback, call });
    }

    /** Registers the runner callbacks and suite bodies of a test-framework call. */
    function noteTestStructure(node: TSESTree.CallExpression): void {
      const call = info.parseCall(node);
      if (!call) return;
      for (const callback of info.runnerCallbacksOf(node)) register(callback, node);
      if (call.kind === 'suite' && call.callback) suiteBodies.set(call.callback, node);
      if (call.kind === 'hook') firstHookCall ??= node;
      if (call.kind !== 'other') hasTestStructure = true;
      if (call.kind === 'test' || call.kind === 'suite') framework ??= call.framework;
    }

    const allCalls: TSESTree.CallExpression[] = [];
    return {
      Program() {
        for (const callback of info.exportedRunnerCallbacks()) register(callback);
      },
      CallExpression(node) {
        allCalls.push(node);
        const candidate = couldAcquire(node);
        // Calls on or handing on a module resource are kept too: `mongoose.disconnect()` and
        // `afterAll(mongoose.disconnect)` release what `mongoose.connect()` opened.
        if (candidate || (moduleResourceNames.size > 0 && involvesModuleResource(node, moduleResourceNames))) {
          calls.push({ node, candidate });
        }
      },
      NewExpression(node) {
        if (couldAcquire(node)) calls.push({ node, candidate: true });
      },
      'Program:exit'() {
        // Only acquisitions are checked: in a file without one, no call needs reading as a test-framework call.
        if (!calls.some((call) => call.candidate)) return;
        for (const node of allCalls) noteTestStructure(node);
        new FileAnalysis(context, info, options, {
          hasTestStructure,
          registered,
          suiteBodies,
          calls,
          firstHookCall,
          framework,
          acquireNames,
          ownerNames,
          // Only calls on a module-level resource (`mongoose.connect()`) matter here; skip the rest cheaply.
          resourceCall: (node) => (moduleResourceNames.has(rootName(node.callee) ?? '') ? resources.resourceCall(node) : undefined),
          releasesIn: (node) => catalogReleasesIn(node, resources),
          // a package the file mocks (`vi.mock('ioredis')`) opens nothing
          acquisitionOf: (node) => (resources.isMockedCreation(node) ? undefined : resources.matcher.acquisitionOf(node)),
        }).run();
      },
    };
  },
});

interface CallRecord {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** Whether its names say it could open a resource (the others are calls on a module resource). */
  candidate: boolean;
}

interface RegisteredCallback {
  callback: RunnerCallback;
  /** The call that registered it, when the rule saw it. */
  call?: TSESTree.CallExpression;
}

/** Where a resource is acquired, and how often that code runs. */
interface SetupSite {
  fn: FunctionNode | undefined;
  kind: 'hook' | 'fixture' | 'around' | 'module';
  scope: 'test' | 'suite';
  callback?: RunnerCallback;
  call?: TSESTree.CallExpression;
  /** How messages name it: "the `beforeAll` hook", "fixture \"db\"". */
  label: string;
}

/** Where a release happens, and how often that code runs. */
interface ReleaseSite {
  scope: 'test' | 'suite' | 'global' | 'same' | 'unknown';
  label: string;
}

/** How a fixture or `aroundEach` hands its value to the test: `use(…)`/`runTest()` calls, or `return` for builder fixtures. */
interface UseInfo {
  /** How messages name the hand-over: `use`, `runTest`, or undefined for a builder fixture's `return`. */
  name: string | undefined;
  points: TSESTree.Node[];
  /** The index of the first top-level statement that hands the value over. */
  firstStatement: number | undefined;
}

interface Acquisition {
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  site: SetupSite;
  spec?: ResourceSpec;
  /** How messages name what it is: `pg.Pool`, `from \`createTestApp()\``. */
  resource: string;
  /** For module resources (`mongoose.connect()`): the module spec, whose release calls anywhere count. */
  moduleSpec?: ResourceSpec;
  /** A variable that holds the resource before the acquiring call returns it (`srv` in `srv.listen()`). */
  heldBy?: TSESTree.Identifier;
  /** Holds nothing until an open method is called on it. */
  lazy?: boolean;
}

interface AnalysisInput {
  hasTestStructure: boolean;
  registered: Map<FunctionNode, RegisteredCallback>;
  suiteBodies: Map<FunctionNode, TSESTree.CallExpression>;
  /** The calls and `new`s that could open a resource, and the calls on a module resource. */
  calls: CallRecord[];
  firstHookCall: TSESTree.CallExpression | undefined;
  /** The framework of the file's first test or suite, for advice when the file has no hook to name. */
  framework: Framework | undefined;
  acquireNames: FunctionNames;
  ownerNames: FunctionNames;
  resourceCall: (node: TSESTree.CallExpression) => ResourceCall | undefined;
  releasesIn: (node: TSESTree.CallExpression) => { spec: ResourceSpec; node: TSESTree.Node }[];
  acquisitionOf: (node: TSESTree.Node) => ResourceRef | undefined;
}

/** The rule's work for one file, run once the whole file has been seen. */
class FileAnalysis {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly siteCache = new Map<FunctionNode | undefined, SetupSite | null>();
  private readonly useCache = new Map<FunctionNode, UseInfo>();
  private readonly tracers = new Map<string, LifetimeTracer>();
  private readonly timingCache = new Map<FunctionNode, CallbackTiming>();
  private useParameters: Set<TSESLint.Scope.Variable> | undefined;

  constructor(
    private readonly context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
    private readonly info: FileTestInfo,
    private readonly options: Options[0],
    private readonly input: AnalysisInput,
  ) {
    this.sourceCode = context.sourceCode;
  }

  run(): void {
    for (const { node, candidate } of this.input.calls) {
      if (!candidate) continue;
      const site = this.setupSiteOf(enclosingFunction(node));
      if (!site) continue;
      const acquisition = this.acquisitionAt(node, site);
      if (acquisition) this.check(acquisition);
    }
  }

  // ------------------------------------------------------------------ acquisitions

  private setupSiteOf(fn: FunctionNode | undefined): SetupSite | undefined {
    let site = this.siteCache.get(fn);
    if (site === undefined) {
      site = this.computeSetupSite(fn) ?? null;
      this.siteCache.set(fn, site);
    }
    return site ?? undefined;
  }

  private computeSetupSite(fn: FunctionNode | undefined): SetupSite | undefined {
    if (!fn) {
      return this.input.hasTestStructure ? { fn, kind: 'module', scope: 'suite', label: "the test file's module scope" } : undefined;
    }
    const suiteCall = this.input.suiteBodies.get(fn);
    if (suiteCall) return { fn, kind: 'module', scope: 'suite', call: suiteCall, label: `the \`${this.calleeText(suiteCall)}\` body` };
    const entry = this.input.registered.get(fn);
    if (!entry) return undefined;
    const { callback, call } = entry;
    const timing = this.timingOf({ callback, call });
    if (timing.scope !== 'test' && timing.scope !== 'suite') return undefined;
    const base = { fn, scope: timing.scope, callback, call };
    if (timing.phase === 'setup' && (callback.kind === 'hook' || callback.kind === 'rootHook')) {
      return { ...base, kind: 'hook', label: this.callbackLabel(entry) };
    }
    if (timing.phase === 'wrap') {
      return { ...base, kind: callback.kind === 'fixture' ? 'fixture' : 'around', label: this.callbackLabel(entry) };
    }
    return undefined;
  }

  private acquisitionAt(node: TSESTree.CallExpression | TSESTree.NewExpression, site: SetupSite): Acquisition | undefined {
    if (site.fn && (site.kind === 'fixture' || site.kind === 'around')) {
      // What a fixture opens after `use()` is its teardown's business, not a resource the test holds.
      const use = this.useInfo(site.fn);
      const first = use.points[0];
      if (first && node.range[0] >= first.range[1]) return undefined;
    }
    const ref = this.input.acquisitionOf(node);
    const spec = ref?.spec;
    if (spec && !spec.inProcess && ((spec.release?.length ?? 0) > 0 || (spec.syncRelease?.length ?? 0) > 0)) {
      // `srv.listen()` returns `srv`: the variable that holds the builder holds the listening server.
      const callee = node.type === AST_NODE_TYPES.CallExpression ? unwrapExpression(node.callee) : undefined;
      const builder = callee?.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(callee.object) : undefined;
      const heldBy = ref.acquire?.returnsBuilder && builder?.type === AST_NODE_TYPES.Identifier ? builder : undefined;
      const lazy = spec.lazy === true || (ref.acquire?.lazyWithoutArguments === true && node.arguments.length === 0);
      return { node, site, spec, resource: spec.name, heldBy, lazy };
    }
    const callee = unwrapExpression(node.callee);
    const named = this.input.acquireNames.match(callee);
    if (named !== undefined) return { node, site, resource: `from \`${named}()\`` };
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // `mongoose.connect(uri)`: opening a module-level resource
      const call = this.input.resourceCall(node);
      if (call?.effect === 'open' && call.ref.via === 'module') {
        return { node, site, spec: call.ref.spec, resource: call.ref.spec.name, moduleSpec: call.ref.spec };
      }
    }
    return undefined;
  }

  // ------------------------------------------------------------------ checks

  private check(acquisition: Acquisition): void {
    const lifetime = acquisition.moduleSpec
      ? this.moduleLifetime(acquisition.moduleSpec)
      : this.tracerFor(acquisition.spec).trace(acquisition.node, acquisition.heldBy);
    if (lifetime.escaped) return;
    // A lazy resource that is never opened (a Nest module compiled but not initialised) holds nothing.
    if (acquisition.lazy && !lifetime.opened) return;
    const name = lifetime.holderText ?? this.acquisitionText(acquisition.node);
    if (this.checkReleaseBeforeUse(acquisition, lifetime, name)) return;
    if (lifetime.evidence.length === 0) {
      this.reportMissing(acquisition, lifetime, name);
      return;
    }
    this.checkScope(acquisition, lifetime, name);
  }

  private reportMissing(acquisition: Acquisition, lifetime: ResourceLifetime, name: string): void {
    const { site } = acquisition;
    const closer = lifetime.owner?.text ?? lifetime.holderText;
    const teardown = this.teardownPlace(site);
    let advice: string;
    if (acquisition.moduleSpec) advice = `Close it with \`${this.releaseCallText(acquisition, '')}\` in ${teardown}.`;
    else if (closer) advice = `Close it with \`${this.releaseCallText(acquisition, closer)}\` in ${teardown}, or hand it to something that does.`;
    else advice = `Keep a reference to it and close it in ${teardown}.`;
    this.context.report({
      node: acquisition.node,
      messageId: 'missingTeardown',
      data: { name, resource: acquisition.resource, site: site.label, symptom: this.hangSymptom(site), advice },
      suggest: this.missingTeardownSuggestions(acquisition, lifetime),
    });
  }

  /** What the user's runner shows when a handle keeps its worker alive: the hook's framework, or the file's only one. */
  private hangSymptom(site: SetupSite): string {
    const imported = [...this.info.importedFrameworks];
    const framework = site.callback?.framework ?? (imported.length === 1 ? imported[0] : undefined);
    return (framework !== undefined && hangSymptoms[framework]) || '"Jest did not exit", a vitest run that hangs';
  }

  /** A release at the top of a fixture, before the statement that hands the resource to the test. */
  private checkReleaseBeforeUse(acquisition: Acquisition, lifetime: ResourceLifetime, name: string): boolean {
    const { site } = acquisition;
    if (!site.fn || (site.kind !== 'fixture' && site.kind !== 'around') || site.fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
    const use = this.useInfo(site.fn);
    if (use.firstStatement === undefined) return false;
    const statements = site.fn.body.body;
    let reported = false;
    for (const evidence of lifetime.evidence) {
      if (evidence.kind !== 'release' || evidence.indirect || enclosingFunction(evidence.node) !== site.fn) continue;
      const index = statements.findIndex((statement) => isWithin(evidence.node, statement));
      if (index < 0 || index >= use.firstStatement || statements[index]?.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      this.context.report({
        node: evidence.node,
        messageId: 'teardownBeforeUse',
        data: {
          call: this.shortText(evidence.node),
          name,
          resource: acquisition.resource,
          handover: use.name ? `\`${use.name}(…)\` hands it to the test` : 'the fixture returns it to the test',
          where: use.name ? `after \`await ${use.name}(…)\`` : 'into an `onCleanup` callback',
        },
      });
      reported = true;
    }
    return reported;
  }

  /** Opened per test and closed per suite (or the other way round), with every release at the wrong level. */
  private checkScope(acquisition: Acquisition, lifetime: ResourceLifetime, name: string): void {
    const { site } = acquisition;
    if (lifetime.evidence.some((evidence) => evidence.indirect || evidence.kind === 'owned' || evidence.kind === 'dispose')) return;
    const acquiredIn = this.info.enclosingSuite(acquisition.node)?.node;
    const related: { evidence: ReleaseEvidence; site: ReleaseSite }[] = [];
    for (const evidence of lifetime.evidence) {
      // A release in an unrelated (sibling) suite belongs to another acquisition of the same variable.
      const releasedIn = this.info.enclosingSuite(evidence.node)?.node;
      if (acquiredIn && releasedIn && !isWithin(acquiredIn, releasedIn) && !isWithin(releasedIn, acquiredIn)) continue;
      related.push({ evidence, site: this.releaseSiteOf(evidence.node, site) });
    }
    const first = related[0];
    if (!first) return;
    const mismatched = related.every(({ site: released }) => (released.scope === 'test' || released.scope === 'suite') && released.scope !== site.scope);
    if (!mismatched) return;
    if (site.scope === 'test' && this.isConditional(acquisition)) return;
    if (site.scope === 'suite' && this.isReopenedPerTest(acquisition, lifetime)) return;
    const perTest = site.scope === 'test';
    this.context.report({
      node: acquisition.node,
      messageId: 'teardownScopeMismatch',
      data: {
        name,
        resource: acquisition.resource,
        opened: perTest ? `in ${site.label} before every test` : `once in ${site.label}`,
        closed: perTest ? `only once in ${first.site.label}` : `in ${first.site.label} after every test`,
        consequence: perTest ? 'every test but the last leaks one.' : 'every test after the first gets a closed one.',
      },
    });
  }

  /** `db ??= new Pool()`, `if (!db) db = new Pool()`: opened once even in a per-test hook. */
  private isConditional(acquisition: Acquisition): boolean {
    for (let node: TSESTree.Node | undefined = acquisition.node.parent; node && node !== acquisition.site.fn; node = node.parent) {
      if (
        node.type === AST_NODE_TYPES.IfStatement ||
        node.type === AST_NODE_TYPES.ConditionalExpression ||
        node.type === AST_NODE_TYPES.LogicalExpression ||
        (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator !== '=')
      ) {
        return true;
      }
    }
    return false;
  }

  /** A resource opened once but used (reconnected, reassigned) in a per-test setup is managed per test there. */
  private isReopenedPerTest(acquisition: Acquisition, lifetime: ResourceLifetime): boolean {
    const occurrences = acquisition.moduleSpec
      ? this.moduleOpenCalls(acquisition.moduleSpec).filter((call) => call !== acquisition.node)
      : lifetime.directOccurrences;
    return occurrences.some((node) => {
      const site = this.setupSiteOf(enclosingFunction(node));
      return site?.kind === 'hook' && site.scope === 'test';
    });
  }

  // ------------------------------------------------------------------ where code runs

  private timingOf(entry: RegisteredCallback): CallbackTiming {
    let timing = this.timingCache.get(entry.callback.fn);
    if (!timing) {
      timing = this.info.timingOf(entry.callback, entry.call);
      this.timingCache.set(entry.callback.fn, timing);
    }
    return timing;
  }

  /** How often the code at `node` runs, and what to call it, for a release of a resource acquired at `acquiredAt`. */
  private releaseSiteOf(node: TSESTree.Node, acquiredAt: SetupSite): ReleaseSite {
    let child: TSESTree.Node = node;
    for (let current = node.parent; current; child = current, current = current.parent) {
      if (isFunctionNode(current)) {
        if (current === acquiredAt.fn) return { scope: 'same', label: acquiredAt.label };
        const entry = this.input.registered.get(current);
        if (!entry) continue;
        const timing = this.timingOf(entry);
        const label = this.callbackLabel(entry);
        if (timing.phase === 'teardown') return { scope: this.resolveScope(timing, current), label };
        if (timing.phase === 'wrap' && this.isAfterUse(current, node)) return { scope: this.resolveScope(timing, current), label };
        return { scope: 'unknown', label };
      }
      // `afterAll(server.close.bind(server))`
      if (current.type === AST_NODE_TYPES.CallExpression && current.callee !== child) {
        const call = this.info.parseCall(current);
        if (call?.kind === 'hook' && call.hook && (call.hook === 'afterAll' || call.hook === 'afterEach')) {
          return { scope: call.hook === 'afterEach' ? 'test' : 'suite', label: `the \`${this.calleeText(current)}\` hook` };
        }
      }
    }
    return { scope: 'unknown', label: 'this file' };
  }

  /** `onCleanup` callbacks run as often as the fixture that registers them. */
  private resolveScope(timing: CallbackTiming, fn: FunctionNode): ReleaseSite['scope'] {
    if (timing.scope !== 'inherit') return timing.scope;
    for (let outer = enclosingFunction(fn); outer; outer = enclosingFunction(outer)) {
      const entry = this.input.registered.get(outer);
      if (entry?.callback.kind === 'fixture') {
        const scope = this.timingOf(entry).scope;
        return scope === 'inherit' ? 'unknown' : scope;
      }
    }
    return 'unknown';
  }

  private isTeardownLocation(node: TSESTree.Node): boolean {
    let child: TSESTree.Node = node;
    for (let current = node.parent; current; child = current, current = current.parent) {
      if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer === child) return true;
      if (!isFunctionNode(current)) continue;
      const entry = this.input.registered.get(current);
      if (!entry) continue;
      const timing = this.timingOf(entry);
      if (timing.phase === 'teardown') return true;
      return timing.phase === 'wrap' && this.isAfterUse(current, node);
    }
    return false;
  }

  private isAfterUse(fn: FunctionNode, node: TSESTree.Node): boolean {
    const first = this.useInfo(fn).points[0];
    return first !== undefined && node.range[0] >= first.range[1];
  }

  private useInfo(fn: FunctionNode): UseInfo {
    let use = this.useCache.get(fn);
    if (!use) {
      use = this.computeUseInfo(fn);
      this.useCache.set(fn, use);
    }
    return use;
  }

  private computeUseInfo(fn: FunctionNode): UseInfo {
    const callback = this.input.registered.get(fn)?.callback;
    const statements = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [];
    let name: string | undefined;
    const points: TSESTree.Node[] = [];
    if (callback?.kind === 'fixture' && callback.fixture?.form === 'builder') {
      points.push(...statements.filter((statement) => statement.type === AST_NODE_TYPES.ReturnStatement));
    } else {
      const param = callback?.kind === 'fixture' ? fn.params[1] : fn.params[0];
      if (param?.type === AST_NODE_TYPES.Identifier) {
        name = param.name;
        for (const reference of findVariableOf(this.sourceCode, param)?.references ?? []) {
          const parent = reference.identifier.parent;
          if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) points.push(parent);
        }
        points.sort((a, b) => a.range[0] - b.range[0]);
      }
    }
    const index = statements.findIndex((statement) => points.some((point) => isWithin(point, statement)));
    return { name, points, firstStatement: index < 0 ? undefined : index };
  }

  // ------------------------------------------------------------------ tracing

  private tracerFor(spec: ResourceSpec | undefined): LifetimeTracer {
    const key = spec?.name ?? '';
    let tracer = this.tracers.get(key);
    if (!tracer) {
      tracer = new LifetimeTracer(this.sourceCode, this.questionsFor(spec));
      this.tracers.set(key, tracer);
    }
    return tracer;
  }

  private questionsFor(spec: ResourceSpec | undefined): LifetimeQuestions {
    return {
      releaseMethods: new Set([
        ...(spec?.release ?? []),
        ...(spec?.syncRelease ?? []),
        ...genericReleaseMethods,
        ...(this.options.releaseMethods ?? []),
      ]),
      ownedBy: new Set(spec?.ownedBy ?? []),
      separateResults: new Set(Object.keys(spec?.yields ?? {})),
      openMethods: new Set(spec?.open ?? []),
      isOwnerCall: (call) => this.input.ownerNames.match(unwrapExpression(call.callee)) !== undefined,
      isUseCall: (call) => {
        const callee = unwrapExpression(call.callee);
        if (callee.type !== AST_NODE_TYPES.Identifier) return false;
        const variable = findVariableOf(this.sourceCode, callee);
        return variable !== undefined && this.useParameterVariables().has(variable);
      },
      isFrameworkCall: (call) => call.type === AST_NODE_TYPES.CallExpression && this.info.parseCall(call) !== undefined,
      isTeardownLocation: (node) => this.isTeardownLocation(node),
      returnsToRunner: (fn) => {
        if (this.input.registered.has(fn)) return true;
        const call = fn.parent.type === AST_NODE_TYPES.CallExpression ? this.info.parseCall(fn.parent) : undefined;
        return call?.callback === fn;
      },
    };
  }

  private useParameterVariables(): Set<TSESLint.Scope.Variable> {
    if (!this.useParameters) {
      this.useParameters = new Set();
      for (const [fn, { callback, call }] of this.input.registered) {
        if (this.timingOf({ callback, call }).phase !== 'wrap') continue;
        const param = callback.kind === 'fixture' ? fn.params[1] : fn.params[0];
        const variable = param?.type === AST_NODE_TYPES.Identifier ? findVariableOf(this.sourceCode, param) : undefined;
        if (variable) this.useParameters.add(variable);
      }
    }
    return this.useParameters;
  }

  /** A module-level resource (mongoose) is released by any release of it or of what it yields, wherever it is. */
  private moduleLifetime(spec: ResourceSpec): ResourceLifetime {
    const yielded = new Set(Object.values(spec.yields ?? {}));
    const evidence: ReleaseEvidence[] = [];
    for (const { node } of this.input.calls) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      for (const release of this.input.releasesIn(node)) {
        if (release.spec === spec || yielded.has(release.spec.name)) evidence.push({ kind: 'release', node: release.node, indirect: false });
      }
    }
    return { escaped: false, evidence, directOccurrences: [], opened: true };
  }

  private moduleOpenCalls(spec: ResourceSpec): TSESTree.Node[] {
    return this.input.calls
      .map(({ node }) => node)
      .filter((node): node is TSESTree.CallExpression => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return false;
        const call = this.input.resourceCall(node);
        return (call?.effect === 'open' || call?.effect === 'work') && call.ref.spec === spec;
      });
  }

  // ------------------------------------------------------------------ suggestions

  private missingTeardownSuggestions(
    acquisition: Acquisition,
    lifetime: ResourceLifetime,
  ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
    const method = acquisition.spec?.release?.[0];
    const variable = lifetime.owner ? lifetime.owner.variable : lifetime.holderVariable;
    const { site } = acquisition;
    if (!method || !variable || acquisition.moduleSpec || !site.fn) return [];
    const name = variable.name;
    if (site.kind === 'hook' && site.call) {
      const statement = site.call.parent;
      const declaredAt = variable.defs[0]?.name;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || !declaredAt || isWithin(declaredAt, site.call)) return [];
      if (!isWithin(statement, variable.scope.block)) return [];
      const hook = this.teardownHookFor(site.call);
      if (!hook) return [];
      const indent = ' '.repeat(statement.loc.start.column);
      const text = `\n${indent}${hook}(async () => {\n${indent}  await ${name}.${method}();\n${indent}});`;
      return [{ messageId: 'suggestTeardownHook', data: { name, hook }, fix: (fixer) => fixer.insertTextAfter(statement, text) }];
    }
    if (site.kind === 'fixture' && site.fn.body.type === AST_NODE_TYPES.BlockStatement) {
      const use = this.useInfo(site.fn);
      const statement = use.firstStatement === undefined ? undefined : site.fn.body.body[use.firstStatement];
      if (!use.name || !statement || !isAwaitedUseOf(statement, name)) return [];
      const indent = ' '.repeat(statement.loc.start.column);
      return [
        {
          messageId: 'suggestReleaseAfterUse',
          data: { name, use: use.name },
          fix: (fixer) => fixer.insertTextAfter(statement, `\n${indent}await ${name}.${method}();`),
        },
      ];
    }
    return [];
  }

  /** The teardown counterpart of a setup hook call, when that name is in scope the same way: `beforeAll` → `afterAll`. */
  private teardownHookFor(call: TSESTree.CallExpression): string | undefined {
    const callee = unwrapExpression(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const chain = flattenMemberChain(callee);
      const last = chain?.members.at(-1);
      const counterpart = last === undefined ? undefined : teardownHookNames[last];
      if (!counterpart || callee.computed) return undefined;
      return `${this.sourceCode.getText(callee.object)}.${counterpart}`;
    }
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const counterpart = teardownHookNames[callee.name];
    if (!counterpart) return undefined;
    const hookVariable = findVariableOf(this.sourceCode, callee);
    let counterpartVariable: TSESLint.Scope.Variable | undefined;
    for (let scope: TSESLint.Scope.Scope | null = this.sourceCode.getScope(call); scope; scope = scope.upper) {
      counterpartVariable = scope.set.get(counterpart);
      if (counterpartVariable) break;
    }
    if (!hookVariable || hookVariable.defs.length === 0) {
      return !counterpartVariable || counterpartVariable.defs.length === 0 ? counterpart : undefined;
    }
    const hookImport = importedBindingOfVariable(hookVariable);
    const counterpartImport = importedBindingOfVariable(counterpartVariable);
    return hookImport && counterpartImport?.module === hookImport.module ? counterpart : undefined;
  }

  // ------------------------------------------------------------------ wording

  private teardownPlace(site: SetupSite): string {
    switch (site.kind) {
      case 'hook': {
        const hook = site.call ? this.teardownHookName(site.call) : undefined;
        if (hook) return hookPhrase(hook);
        return site.callback?.kind === 'rootHook' ? `\`mochaHooks.${site.scope === 'test' ? 'afterEach' : 'afterAll'}\`` : 'a teardown hook';
      }
      case 'fixture':
        return site.callback?.fixture?.form === 'builder' ? 'an `onCleanup` callback' : `the fixture after \`await ${this.useInfo(site.fn!).name ?? 'use'}(…)\``;
      case 'around':
        return `the hook after \`await ${this.useInfo(site.fn!).name ?? 'runTest'}()\``;
      case 'module': {
        const hook = this.input.firstHookCall ? this.teardownHookName(this.input.firstHookCall, true) : undefined;
        if (hook) return hookPhrase(hook);
        switch (this.input.framework) {
          case 'mocha':
          case 'node:test':
            return 'an `after` hook';
          case 'playwright':
            return 'a `test.afterAll` hook';
          case 'globals':
            return 'an `afterAll` hook (`after` in mocha)';
          default:
            return 'an `afterAll` hook';
        }
      }
    }
  }

  /** `beforeEach` → `afterEach`, `test.beforeAll` → `test.afterAll`; with `perFile`, the per-file teardown of the same family. */
  private teardownHookName(call: TSESTree.CallExpression, perFile = false): string | undefined {
    const chain = flattenMemberChain(call.callee);
    if (!chain) return undefined;
    const last = chain.members.at(-1) ?? (chain.root.type === AST_NODE_TYPES.Identifier ? chain.root.name : undefined);
    if (last === undefined) return undefined;
    let counterpart = teardownHookNames[last] ?? (Object.values(teardownHookNames).includes(last) ? last : undefined);
    if (!counterpart) return undefined;
    if (perFile) counterpart = { afterEach: 'afterAll', teardown: 'suiteTeardown' }[counterpart] ?? counterpart;
    if (chain.members.length === 0) return counterpart;
    return `${this.sourceCode.getText(chain.root)}.${[...chain.members.slice(0, -1), counterpart].join('.')}`;
  }

  private releaseCallText(acquisition: Acquisition, holder: string): string {
    const spec = acquisition.spec;
    if (acquisition.moduleSpec) {
      // `mongoose.connect()` → `await mongoose.disconnect()`; a named `connect()` → `await disconnect()`
      const method = spec?.release?.[0] ?? 'disconnect';
      const callee = unwrapExpression(acquisition.node.callee);
      const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? `${this.shortText(callee.object)}.` : '';
      return `await ${receiver}${method}()`;
    }
    const asyncMethod = spec?.release?.[0];
    if (asyncMethod) return `await ${holder}.${asyncMethod}()`;
    const syncMethod = spec?.syncRelease?.[0] ?? this.options.releaseMethods?.[0] ?? 'close';
    return `${holder}.${syncMethod}()`;
  }

  private callbackLabel({ callback, call }: RegisteredCallback): string {
    if ((callback.kind === 'hook' || callback.kind === 'cleanup') && call) {
      const hook = `\`${this.calleeText(call)}\``;
      return callback.kind === 'cleanup' ? `the cleanup function returned by ${hook}` : `the ${hook} hook`;
    }
    return callback.kind === 'rootHook' ? `\`${callback.label}\`` : callback.label;
  }

  private calleeText(call: TSESTree.CallExpression): string {
    return this.shortText(call.callee);
  }

  private acquisitionText(node: TSESTree.CallExpression | TSESTree.NewExpression): string {
    const callee = this.shortText(node.callee);
    return node.type === AST_NODE_TYPES.NewExpression ? `new ${callee}()` : `${callee}()`;
  }

  /** Source text short enough for a message: long builder chains keep only their last link. */
  private shortText(node: TSESTree.Node): string {
    const text = this.sourceCode.getText(node).replace(/\s+/g, ' ');
    if (text.length <= 40) return text;
    const value = unwrapExpression(node);
    const callee = value.type === AST_NODE_TYPES.CallExpression ? unwrapExpression(value.callee) : value;
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier) {
      return `….${callee.property.name}${value === callee ? '' : '()'}`;
    }
    return `${text.slice(0, 37)}…`;
  }
}

/** "an `afterAll` hook", "a `test.afterAll` hook". */
function hookPhrase(hook: string): string {
  return `${/^[aeiou]/i.test(hook) ? 'an' : 'a'} \`${hook}\` hook`;
}

/** `await use(db);` as a whole statement. */
function isAwaitedUseOf(statement: TSESTree.Statement, name: string): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AwaitExpression) return false;
  const call = statement.expression.argument;
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const argument = call.arguments[0];
  return argument?.type === AST_NODE_TYPES.Identifier && argument.name === name;
}

/** Function names from an option: a plain name matches the callee's last segment, a dotted path the whole callee. */
class FunctionNames {
  private readonly plain: Set<string>;
  private readonly dotted: Set<string>;

  constructor(names: readonly string[]) {
    this.plain = new Set(names.filter((name) => !name.includes('.')));
    this.dotted = new Set(names.filter((name) => name.includes('.')));
  }

  get isEmpty(): boolean {
    return this.plain.size === 0 && this.dotted.size === 0;
  }

  /** The matching name for a callee, as written. */
  match(callee: TSESTree.Node): string | undefined {
    if (this.isEmpty) return undefined;
    const chain = flattenMemberChain(callee);
    if (!chain) return undefined;
    const root = chain.root.type === AST_NODE_TYPES.Identifier ? chain.root.name : chain.root.type === AST_NODE_TYPES.ThisExpression ? 'this' : undefined;
    if (root === undefined) return undefined;
    const path = [root, ...chain.members].join('.');
    const last = chain.members.at(-1) ?? root;
    if (this.dotted.has(path) || this.plain.has(last)) return path;
    return undefined;
  }
}

/** `mongoose` for `mongoose.connection.close`. */
function rootName(node: TSESTree.Node): string | undefined {
  const chain = flattenMemberChain(unwrapExpression(node));
  return chain?.root.type === AST_NODE_TYPES.Identifier ? chain.root.name : undefined;
}

/** A call on a module resource (`mongoose.connect()`), or one handed a module resource's member (`afterAll(mongoose.disconnect)`). */
function involvesModuleResource(call: TSESTree.CallExpression, names: ReadonlySet<string>): boolean {
  return names.has(rootName(call.callee) ?? '') || call.arguments.some((argument) => names.has(rootName(argument) ?? ''));
}
