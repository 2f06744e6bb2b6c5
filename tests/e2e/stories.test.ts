// The failure stories in examples/stories/ prove each rule family on code that really fails: for each
// story, the broken twin's tests fail against a real embedded database, the fixed twin's tests pass,
// and the built plugin's `recommended` config flags the broken twin and stays silent on the fixed one.
// This runs the stories runner (`npm run stories -- --json`) once and checks its table.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { ensureBuiltPackage, repoRoot } from './built-package';

interface TwinResult {
  tests: { failed: number; total: number; errors: string[]; exitCode: number | null; output?: string };
  lint: { ruleIds: string[]; findings: { file: string; line: number; ruleId: string | null; messageId?: string }[] };
}

interface StoriesSummary {
  stories: { id: string; broken: TwinResult; fixed: TwinResult }[];
  durationMs: number;
}

/** The rules each story's broken twin must trigger, as its issue names them. */
const expectedRuleIds: Record<string, string[]> = {
  '1-store-without-session': ['test-isolation/no-uninjected-session'],
  '2-singleton-under-workers': ['test-isolation/no-module-singleton', 'test-isolation/require-per-worker-resource'],
  '3-model-registered-twice': ['test-isolation/no-duplicate-entity', 'test-isolation/no-entity-double-load'],
  '4-unawaited-and-unclosed-client': ['test-isolation/require-async-fixture', 'test-isolation/require-resource-teardown'],
};

const runner = path.join(repoRoot, 'examples/stories/run.mjs');

let summary: StoriesSummary;
let pluginRuleIds: Set<string>;

/** Runs the stories runner and parses its JSON; it exits 1 when a story is not as expected, which the tests below explain. */
function runStories(): Promise<StoriesSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, '--json'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(stdout) as StoriesSummary);
      } catch (error) {
        reject(new Error(`the stories runner exited with ${String(code)} and printed no JSON:\n${stderr}${stdout}`, { cause: error }));
      }
    });
  });
}

beforeAll(async () => {
  ensureBuiltPackage();
  const { default: plugin } = (await import(pathToFileURL(path.join(repoRoot, 'dist/index.mjs')).href)) as {
    default: { rules: Record<string, unknown> };
  };
  pluginRuleIds = new Set(Object.keys(plugin.rules).map((name) => `test-isolation/${name}`));
  summary = await runStories();
}, 600_000);

function story(id: string): StoriesSummary['stories'][number] {
  const found = summary.stories.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`story ${id} did not run`);
  return found;
}

describe('npm run stories', () => {
  it('runs every story', () => {
    expect(summary.stories.map((candidate) => candidate.id)).toEqual(Object.keys(expectedRuleIds));
  });

  describe.each(Object.entries(expectedRuleIds))('%s', (id, ruleIds) => {
    it("fails the broken twin's tests", () => {
      const { tests } = story(id).broken;
      expect(tests.failed, tests.errors.join('\n')).toBeGreaterThanOrEqual(1);
    });

    it("passes the fixed twin's tests", () => {
      const { tests } = story(id).fixed;
      expect(tests.errors).toEqual([]);
      expect(tests.failed).toBe(0);
      expect(tests.total).toBeGreaterThan(0);
      expect(tests.exitCode).toBe(0);
    });

    it('finds nothing in the fixed twin', () => {
      expect(story(id).fixed.lint.findings).toEqual([]);
    });

    it("flags the broken twin with exactly the story's rules", () => {
      for (const ruleId of ruleIds) expect(pluginRuleIds).toContain(ruleId);
      expect(story(id).broken.lint.ruleIds).toEqual([...ruleIds].sort());
    });
  });
});
