import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { createRule } from '../../src/util/create-rule';

type Options = [{ names: string[]; strict: boolean }];

/** A rule that records the options it is created with, once per file. */
function recordingRule(seen: unknown[]) {
  return createRule<Options, 'found'>({
    name: 'recording',
    meta: {
      type: 'problem',
      docs: { description: 'records its options' },
      messages: { found: 'found' },
      schema: [
        {
          type: 'object',
          additionalProperties: false,
          properties: { names: { type: 'array', items: { type: 'string' } }, strict: { type: 'boolean' } },
        },
      ],
      defaultOptions: [{ names: ['a'], strict: false }],
    },
    create(_context, [options]) {
      seen.push(options);
      return {};
    },
  });
}

/** Two files linted in one run, as the CLI and editors do. */
async function lintTwice(ruleEntry: Linter.RuleEntry, seen: unknown[]): Promise<void> {
  const config: Linter.Config[] = [{ plugins: { t: { rules: { recording: recordingRule(seen) as never } } }, rules: { 't/recording': ruleEntry } }];
  const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: config });
  await eslint.lintText('let a = 1;', { filePath: 'a.js' });
  await eslint.lintText('let b = 2;', { filePath: 'b.js' });
}

describe('createRule', () => {
  it('gives the defaults when the config sets no options, the same object for every file', async () => {
    const seen: unknown[] = [];
    await lintTwice('error', seen);
    expect(seen).toEqual([
      { names: ['a'], strict: false },
      { names: ['a'], strict: false },
    ]);
    expect(seen[0]).toBe(seen[1]);
  });

  it('merges the config options over the defaults once per options object', async () => {
    const seen: unknown[] = [];
    await lintTwice(['error', { strict: true }], seen);
    expect(seen).toEqual([
      { names: ['a'], strict: true },
      { names: ['a'], strict: true },
    ]);
    expect(seen[0]).toBe(seen[1]);
  });

  it('keeps configs with different options apart', async () => {
    const first: unknown[] = [];
    const second: unknown[] = [];
    await lintTwice(['error', { names: ['x'] }], first);
    await lintTwice(['error', { names: ['y'], strict: true }], second);
    expect(first[0]).toEqual({ names: ['x'], strict: false });
    expect(second[0]).toEqual({ names: ['y'], strict: true });
  });
});
