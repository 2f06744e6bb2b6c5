import { describe, expect, it } from 'vitest';

import { type PromiseFate, promiseFate } from '../../src/analysis/promise-fate';
import { callsOf, inspect } from './helpers';

/** The fate of the promise `db.connect()` makes in `code` (the first such call). */
function fateOf(code: string): { fate: PromiseFate['fate']; chained: boolean; outermost: string } {
  return inspect(code, { filename: 'src/db.test.ts' }, (context, program) => {
    const call = callsOf(program).find((candidate) => ['db.connect', 'db?.connect'].includes(context.sourceCode.getText(candidate.callee)));
    if (!call) throw new Error('no db.connect() call in the code');
    const { fate, chained, outermost } = promiseFate(call, context.sourceCode);
    return { fate, chained, outermost: context.sourceCode.getText(outermost) };
  });
}

const inAsync = (body: string) => `declare const db: any, other: any, cond: boolean;\nasync function f() {\n${body}\n}`;

describe('promiseFate', () => {
  it.each<[string, PromiseFate['fate']]>([
    ['await db.connect();', 'awaited'],
    ['await (db.connect() as Promise<void>);', 'awaited'],
    ['await db.connect()!;', 'awaited'],
    ['await Promise.all([db.connect(), other()]);', 'awaited'],
    ['await Promise.allSettled([other(), db.connect()]);', 'awaited'],
    ['await Promise.race([db.connect()]);', 'awaited'],
    ['await (cond ? db.connect() : other());', 'awaited'],
    ['await (other() || db.connect());', 'awaited'],
    ['await (other(), db.connect());', 'awaited'],
    ['return db.connect();', 'returned'],
    ['return Promise.all([db.connect()]);', 'returned'],
    ['const run = () => db.connect();', 'returned'],
    ['void db.connect();', 'voided'],
    ['db.connect();', 'dropped'],
    ['db?.connect();', 'dropped'],
    ['(db.connect() as unknown);', 'dropped'],
    ['Promise.all([db.connect()]);', 'dropped'],
    ['[db.connect(), other()];', 'dropped'],
    ['(db.connect(), other());', 'dropped'],
    ['cond ? db.connect() : null;', 'dropped'],
    ['cond && db.connect();', 'dropped'],
    ['const unused = db.connect();', 'dropped'],
    ['const p = db.connect(); await p;', 'consumed'],
    ['const p = db.connect(); p.then(() => {});', 'consumed'],
    ['const ps = [db.connect()]; await Promise.all(ps);', 'consumed'],
    ['register(db.connect());', 'consumed'],
    ['new Wrapper(db.connect());', 'consumed'],
    ['Promise.resolve(db.connect());', 'consumed'],
    ['this.ready = db.connect();', 'consumed'],
    ['const { a } = db.connect();', 'consumed'],
    ['if (db.connect()) {}', 'consumed'],
    ['cond ? db.connect() : null', 'dropped'],
    ['const x = db.connect() ? 1 : 2;', 'consumed'],
    ['const s = `${db.connect()}`;', 'consumed'],
  ])('%s → %s', (body, fate) => {
    expect(fateOf(inAsync(body)).fate).toBe(fate);
  });

  it('follows .then/.catch/.finally chains and marks them chained', () => {
    expect(fateOf(inAsync('db.connect().then(() => {});'))).toEqual({ fate: 'dropped', chained: true, outermost: 'db.connect().then(() => {})' });
    expect(fateOf(inAsync('await db.connect().catch(() => {}).finally(() => {});'))).toEqual({
      fate: 'awaited',
      chained: true,
      outermost: 'db.connect().catch(() => {}).finally(() => {})',
    });
    expect(fateOf(inAsync('return db.connect().then(() => 1);'))).toMatchObject({ fate: 'returned', chained: true });
    expect(fateOf(inAsync('db.connect()?.then(() => {});'))).toMatchObject({ fate: 'dropped', chained: true });
  });

  it('does not treat reading a non-chain member as chaining', () => {
    expect(fateOf(inAsync('db.connect().then;'))).toEqual({ fate: 'consumed', chained: false, outermost: 'db.connect()' });
    expect(fateOf(inAsync('db.connect().unref();'))).toMatchObject({ fate: 'consumed', chained: false });
  });

  it('points outermost at the expression a fix wraps', () => {
    expect(fateOf(inAsync('(db.connect() as Promise<void>);')).outermost).toBe('db.connect() as Promise<void>');
    expect(fateOf(inAsync('db.connect();')).outermost).toBe('db.connect()');
    expect(fateOf(inAsync('Promise.all([db.connect()]);')).outermost).toBe('Promise.all([db.connect()])');
  });

  it('treats a promise returned from an arrow body as returned, but not one passed as a default', () => {
    expect(fateOf(`declare const db: any;\nbeforeAll(() => db.connect());`).fate).toBe('returned');
    expect(fateOf(`declare const db: any;\nconst f = (x = db.connect()) => x;`).fate).toBe('consumed');
  });

  it('counts a variable that is only written again as unused', () => {
    expect(fateOf(inAsync('let p = db.connect(); p = other();')).fate).toBe('dropped');
  });
});
