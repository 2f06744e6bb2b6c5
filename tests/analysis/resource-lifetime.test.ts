import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { type LifetimeQuestions, LifetimeTracer } from '../../src/analysis/resource-lifetime';
import { walk } from '../../src/analysis/traverse';
import { inspect } from './helpers';

/** Questions with fixed answers: `end`/`close` release, `finally` blocks and `after*` callbacks are teardown. */
const questions: LifetimeQuestions = {
  releaseMethods: new Set(['end', 'close', 'stop', 'destroy']),
  ownedBy: new Set(['createNestApplication']),
  separateResults: new Set(['connect']),
  openMethods: new Set(['init']),
  isOwnerCall: (call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'registerForCleanup',
  isUseCall: (call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'use',
  isFrameworkCall: () => false,
  isTeardownLocation: (node) => {
    for (let current = node.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.Identifier) {
        if (current.callee.name.startsWith('after')) return true;
      }
    }
    return false;
  },
  returnsToRunner: (fn) => fn.parent.type === AST_NODE_TYPES.CallExpression,
};

/** Traces the first `new Resource()` in `code`. */
function trace(code: string) {
  return inspect(code, { filename: 'src/example.test.ts' }, (context, program) => {
    let acquisition: TSESTree.NewExpression | undefined;
    walk(program, (node) => {
      if (!acquisition && node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Resource') {
        acquisition = node;
      }
    });
    if (!acquisition) throw new Error('no `new Resource()` in the code');
    const lifetime = new LifetimeTracer(context.sourceCode, questions).trace(acquisition);
    return {
      escaped: lifetime.escaped,
      holder: lifetime.holderText,
      owner: lifetime.owner?.text,
      evidence: lifetime.evidence.map((evidence) => [evidence.kind, context.sourceCode.getText(evidence.node), evidence.indirect]),
    };
  });
}

describe('LifetimeTracer', () => {
  it('follows a let binding assigned in one callback and released in another', () => {
    expect(trace(`let db; before(() => { db = new Resource(); }); after(() => db.end());`)).toEqual({
      escaped: false,
      holder: 'db',
      owner: undefined,
      evidence: [['release', 'db.end()', false]],
    });
  });

  it('follows this.x and context properties, including a destructured parameter', () => {
    expect(trace(`before(function () { this.db = new Resource(); }); after(function () { return this.db.destroy(); });`).evidence).toEqual([
      ['release', 'this.db.destroy()', false],
    ]);
    expect(trace(`beforeEach((ctx) => { ctx.db = new Resource(); }); afterEach(async ({ db }) => { await db.end(); });`).evidence).toEqual([
      ['release', 'db.end()', false],
    ]);
  });

  it('follows each element of a destructured Promise.all to its own binding', () => {
    const result = trace(`
      let a, b;
      before(async () => { [a, b] = await Promise.all([new Resource(), other()]); });
      after(() => b.end());
    `);
    expect(result.holder).toBe('a');
    expect(result.evidence).toEqual([]);
  });

  it('follows collections, wrappers and what takes the resource over, marking them indirect', () => {
    expect(trace(`const all = []; before(() => { all.push(new Resource()); }); after(() => all.forEach((r) => r.close()));`).evidence).toEqual([
      ['handoff', 'all.forEach((r) => r.close())', true],
      ['release', 'r.close()', true],
    ]);
    expect(trace(`let repo; before(() => { repo = new Repo(new Resource()); }); after(() => repo.close());`).evidence).toEqual([
      ['release', 'repo.close()', true],
    ]);
    const nest = trace(`let app; before(async () => { const ref = await new Resource(); app = ref.createNestApplication(); }); after(() => app.close());`);
    expect(nest).toMatchObject({ holder: 'ref', owner: 'app', evidence: [['release', 'app.close()', false]] });
  });

  it('counts using declarations, owner functions and hand-offs in a teardown', () => {
    expect(trace(`async function f() { await using db = new Resource(); }`).evidence.map(([kind]) => kind)).toEqual(['dispose']);
    expect(trace(`before(() => { const db = new Resource(); registerForCleanup(db); });`).evidence.map(([kind]) => kind)).toEqual(['owned']);
    expect(trace(`let db; before(() => { db = new Resource(); }); after(() => closeAll(db));`).evidence).toEqual([['handoff', 'closeAll(db)', false]]);
  });

  it('stays quiet (escaped) where it cannot follow the resource', () => {
    expect(trace(`export const db = new Resource();`).escaped).toBe(true);
    expect(trace(`before(() => { globalThis.db = new Resource(); });`).escaped).toBe(true);
    expect(trace(`function make() { return new Resource(); }`).escaped).toBe(true);
    expect(trace(`before(() => { state.a.b = new Resource(); });`).escaped).toBe(true);
  });

  it('lets derived values (a URL, a port) go anywhere without taking the resource along', () => {
    const result = trace(`before(async () => { const c = await new Resource(); process.env.URL = c.getUrl(); });`);
    expect(result).toMatchObject({ escaped: false, holder: 'c', evidence: [] });
  });

  it('does not take a separate result (a pool client) for the resource', () => {
    expect(trace(`let pool; before(async () => { pool = new Resource(); const client = await pool.connect(); client.close(); });`).evidence).toEqual([]);
  });
});
