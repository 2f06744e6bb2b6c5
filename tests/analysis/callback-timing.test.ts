import { describe, expect, it } from 'vitest';

import { type CallbackTiming, getFileTestInfo } from '../../src/analysis/test-framework';
import { type InspectOptions, callsOf, inspect, textOf } from './helpers';

const testFile: InspectOptions = { filename: 'src/db.test.ts' };

/** `[label, phase, scope]` for every runner callback in `code`, in source order. */
function timings(code: string, options: InspectOptions = testFile): [string, CallbackTiming['phase'], CallbackTiming['scope']][] {
  return inspect(code, options, (context, program) => {
    const info = getFileTestInfo(context);
    const callbacks = [
      ...callsOf(program).flatMap((call) => info.runnerCallbacksOf(call).map((callback) => ({ callback, call }))),
      ...info.exportedRunnerCallbacks().map((callback) => ({ callback, call: undefined })),
    ];
    return callbacks
      .sort((a, b) => a.callback.fn.range[0] - b.callback.fn.range[0])
      .map(({ callback, call }): [string, CallbackTiming['phase'], CallbackTiming['scope']] => {
        const { phase, scope } = info.timingOf(callback, call);
        return [callback.label, phase, scope];
      });
  });
}

describe('FileTestInfo.timingOf', () => {
  it('tells setup from teardown and per test from per suite for hooks and cleanup functions', () => {
    expect(
      timings(`
        import { afterAll, afterEach, beforeAll, beforeEach, aroundEach } from 'vitest';
        beforeAll(() => () => {});
        beforeEach(() => {});
        afterEach(() => {});
        afterAll(() => {});
        aroundEach(async (runTest) => { await runTest(); });
      `),
    ).toEqual([
      ['beforeAll hook', 'setup', 'suite'],
      ['cleanup function returned by beforeAll', 'teardown', 'suite'],
      ['beforeEach hook', 'setup', 'test'],
      ['afterEach hook', 'teardown', 'test'],
      ['afterAll hook', 'teardown', 'suite'],
      ['aroundEach hook', 'wrap', 'test'],
    ]);
  });

  it('gives fixtures their scope and onCleanup the scope of its fixture', () => {
    expect(
      timings(`
        import { test } from 'vitest';
        const t = test
          .extend({ db: async ({}, use) => { await use(1); }, pool: [async ({}, use) => { await use(2); }, { scope: 'worker' }] })
          .extend('redis', async ({}, { onCleanup }) => { onCleanup(() => {}); return 3; });
      `),
    ).toEqual([
      ['fixture "db"', 'wrap', 'test'],
      ['fixture "pool"', 'wrap', 'suite'],
      ['fixture "redis"', 'wrap', 'test'],
      ['onCleanup callback', 'teardown', 'inherit'],
    ]);
  });

  it('runs a hook registered inside a test once, for that test (node:test t.after)', () => {
    expect(
      timings(`
        import { it, after } from 'node:test';
        after(() => {});
        it('works', (t) => { t.after(() => {}); });
      `),
    ).toEqual([
      ['after hook', 'teardown', 'suite'],
      ['after hook', 'teardown', 'test'],
    ]);
  });

  it('treats onTestFinished as a per-test teardown and global setup exports as run-wide', () => {
    expect(
      timings(
        `
        export async function setup() {}
        export async function teardown() {}
      `,
        { filename: 'global-setup.ts' },
      ),
    ).toEqual([
      ['globalSetup setup', 'setup', 'global'],
      ['globalSetup teardown', 'teardown', 'global'],
    ]);
    expect(
      timings(`
        import { beforeEach, onTestFinished } from 'vitest';
        beforeEach(() => { onTestFinished(() => {}); });
      `),
    ).toEqual([
      ['beforeEach hook', 'setup', 'test'],
      ['onTestFinished callback', 'teardown', 'test'],
    ]);
  });
});

describe('FileTestInfo.enclosingSuite and enclosingTest', () => {
  it('finds the innermost describe and test around a node', () => {
    const code = `
      import { describe, it, beforeAll } from 'vitest';
      describe('outer', () => {
        describe('inner', () => {
          beforeAll(() => { marker(); });
          it('works', () => { marker(); });
        });
      });
      marker();
    `;
    const found = inspect(code, testFile, (context, program) => {
      const info = getFileTestInfo(context);
      return callsOf(program)
        .filter((call) => context.sourceCode.getText(call.callee) === 'marker')
        .map((call) => [textOf(code, info.enclosingSuite(call)?.node.arguments[0]), textOf(code, info.enclosingTest(call)?.node.arguments[0])]);
    });
    expect(found).toEqual([
      ["'inner'", undefined],
      ["'inner'", "'works'"],
      [undefined, undefined],
    ]);
  });
});
