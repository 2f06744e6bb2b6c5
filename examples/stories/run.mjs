// Runs every story: the broken twin's tests, the fixed twin's tests, and the built plugin's
// `recommended` config on both twins; prints one table, or JSON with `--json`.
//
// Usage: node examples/stories/run.mjs [--json] [--runs N] [story-folder ...]
// The plugin is loaded from the repository's dist/ (`npm run build`), as users load it.
// `--runs N` measures how reliable the outcomes are instead: it runs each twin's tests N times
// (one run of a twin at a time, since a twin's runs share its database folder) and prints, for each
// twin, in how many runs its tests failed and with which errors.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { ESLint } from 'eslint';

const storiesDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(storiesDir, '../..');
const require = createRequire(import.meta.url);
const vitestEntry = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const reporterPath = path.join(storiesDir, 'summary-reporter.mjs');

/**
 * Twin test runs at once. Each twin runs its files in worker processes, mostly busy starting Postgres;
 * one more run than cores overlaps one twin's waiting (a test timeout, a worker start) with another's work.
 */
const concurrency = Math.max(2, os.availableParallelism()) + 1;
/**
 * Node options for the test workers. Most of a twin's time goes into starting PGlite, whose 9 MB
 * WebAssembly module each start loads twice (once more to run initdb); V8 compiles it with its
 * optimizing compiler as well, which these short tests never pay back. With the baseline compiler
 * only (`--liftoff-only`), a `PGlite.create()` took about half the CPU time (2.5 s instead of 4.7 s,
 * measured on the 2-core development machine). Only a speed-up: every twin behaves the same without
 * it (`npx vitest run` in its folder), and it is left out on a Node that does not know it.
 */
const workerNodeOptions = ['--liftoff-only'].filter(
  (option) => spawnSync(process.execPath, [option, '-e', ''], { stdio: 'ignore' }).status === 0,
);
/** A twin whose tests run longer than this is stopped and reported as an error. */
const twinTimeoutMs = 300_000;

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const runsIndex = args.indexOf('--runs');
const runs = runsIndex === -1 ? 1 : Number(args[runsIndex + 1]);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs needs a whole number of runs, at least 1.');
  process.exit(2);
}
const only = args.filter((arg, index) => !arg.startsWith('--') && !(runsIndex !== -1 && index === runsIndex + 1));

const storyIds = readdirSync(storiesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^\d+-/.test(entry.name))
  .map((entry) => entry.name)
  .filter((id) => only.length === 0 || only.includes(id))
  .sort();

/** Runs one twin's vitest suite in its own folder and reads what summary-reporter.mjs wrote. */
function runTests(twinDir) {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'test-isolation-story-'));
  const reportFile = path.join(reportDir, 'report.json');
  const started = Date.now();
  return new Promise((resolve) => {
    const vitestArgs = ['run', `--reporter=${reporterPath}`, ...workerNodeOptions.map((option) => `--execArgv=${option}`)];
    const child = spawn(process.execPath, [vitestEntry, ...vitestArgs], {
      cwd: twinDir,
      env: { ...twinEnvironment(), STORY_REPORT_FILE: reportFile, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), twinTimeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const durationMs = Date.now() - started;
      let report;
      try {
        report = JSON.parse(readFileSync(reportFile, 'utf8'));
      } catch {
        report = undefined;
      }
      rmSync(reportDir, { recursive: true, force: true });
      if (!report) {
        resolve({
          failed: 0,
          total: 0,
          exitCode: code,
          durationMs,
          errors: [signal ? `vitest was stopped (${signal}) after ${durationMs} ms` : `vitest wrote no report (exit code ${code})`],
          output: output.slice(-4000),
        });
        return;
      }
      resolve({ ...countResults(report), exitCode: code, durationMs });
    });
  });
}

/** This process's environment without the variables of a vitest run it may itself be part of (the e2e test). */
function twinEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
}

/**
 * Failed and total tests. A test that did not pass because its file failed outside it (an import
 * that throws, a failing `beforeAll`) counts as failed, and a file that failed before any test was
 * collected counts as one failed test. Each error is named by its test or file.
 */
function countResults(report) {
  let failed = 0;
  let total = 0;
  const errors = [];
  for (const file of report.files) {
    const fileFailed = file.state === 'failed';
    if (file.tests.length === 0) {
      total += 1;
      if (fileFailed) failed += 1;
    }
    for (const test of file.tests) {
      total += 1;
      if (test.state === 'failed' || (fileFailed && test.state !== 'passed')) failed += 1;
      if (test.errors[0]) errors.push(`${test.name}: ${test.errors[0]}`);
    }
    for (const error of new Set(file.errors)) errors.push(`${file.file}: ${error}`);
  }
  for (const error of report.unhandledErrors) errors.push(`unhandled error: ${error}`);
  return { failed, total, errors };
}

function firstLine(text) {
  return (text ?? '').split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

/** Lints a twin with the built plugin's `recommended` config, as a project would. */
async function lintTwin(plugin, twinDir) {
  const eslint = new ESLint({
    cwd: twinDir,
    overrideConfigFile: true,
    overrideConfig: [{ ignores: ['dist/', '.data/'] }, ...plugin.configs.recommended],
  });
  const results = await eslint.lintFiles(['.']);
  const findings = results.flatMap((result) =>
    result.messages.map((message) => ({
      file: path.relative(twinDir, result.filePath).split(path.sep).join('/'),
      line: message.line,
      ruleId: message.ruleId,
      messageId: message.messageId,
      message: message.message,
    })),
  );
  return { ruleIds: [...new Set(findings.map((finding) => finding.ruleId ?? 'parse-error'))].sort(), findings };
}

/** Runs `tasks` (functions returning promises) with at most `limit` in flight. */
async function runLimited(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

function readTitle(storyDir) {
  const readme = path.join(storyDir, 'README.md');
  if (!existsSync(readme)) return path.basename(storyDir);
  return firstLine(readFileSync(readme, 'utf8')).replace(/^#+\s*/, '');
}

async function loadPlugin() {
  const pluginEntry = path.join(repoRoot, 'dist/index.mjs');
  if (!existsSync(pluginEntry)) {
    console.error('dist/index.mjs is missing: run `npm run build` first.');
    process.exit(2);
  }
  const { default: plugin } = await import(pathToFileURL(pluginEntry).href);
  return plugin;
}

/** Runs a broken twin may take to show its failure. */
const brokenAttempts = 3;

function listTwins() {
  return storyIds.flatMap((id) => ['broken', 'fixed'].map((twin) => ({ id, twin, dir: path.join(storiesDir, id, twin) })));
}

async function main() {
  const started = Date.now();
  const plugin = await loadPlugin();
  const twins = listTwins();
  // Linting runs in this process while the twins' test runs, in child processes, wait on their databases.
  const [testResults, lintResults] = await Promise.all([
    runLimited(twins.map((twin) => () => runTests(twin.dir)), concurrency),
    (async () => {
      const lints = [];
      for (const twin of twins) lints.push(await lintTwin(plugin, twin.dir));
      return lints;
    })(),
  ]);

  // A race between workers (story 2) does not show on every run: a broken twin whose tests all
  // passed is run again, up to `brokenAttempts` runs in all, and the runs it took are reported.
  for (const [index, twin] of twins.entries()) {
    if (twin.twin !== 'broken') continue;
    let outcome = testResults[index];
    let attempts = 1;
    while (outcome.failed === 0 && attempts < brokenAttempts) {
      attempts++;
      outcome = await runTests(twin.dir);
    }
    testResults[index] = { ...outcome, attempts };
  }
  const byKey = new Map(twins.map((twin, index) => [`${twin.id}/${twin.twin}`, { tests: testResults[index], lint: lintResults[index] }]));
  const stories = storyIds.map((id) => {
    const broken = byKey.get(`${id}/broken`);
    const fixed = byKey.get(`${id}/fixed`);
    const asExpected =
      broken.tests.failed > 0 &&
      fixed.tests.total > 0 &&
      fixed.tests.failed === 0 &&
      fixed.tests.exitCode === 0 &&
      fixed.lint.findings.length === 0;
    return { id, title: readTitle(path.join(storiesDir, id)), broken, fixed, asExpected };
  });
  const summary = {
    plugin: { name: plugin.meta?.name, version: plugin.meta?.version, rules: Object.keys(plugin.rules).map((name) => `test-isolation/${name}`).sort() },
    stories,
    durationMs: Date.now() - started,
  };

  if (asJson) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    printTable(summary);
  }
  process.exitCode = stories.every((story) => story.asExpected) ? 0 : 1;
}

/** `--runs N`: runs each twin's tests N times and counts the runs in which they failed. */
async function measure() {
  const started = Date.now();
  const twins = listTwins();
  const progress = (text) => process.stderr.write(`${text}\n`);
  const results = await runLimited(
    twins.map((twin) => async () => {
      const outcomes = [];
      for (let run = 1; run <= runs; run++) {
        const outcome = await runTests(twin.dir);
        outcomes.push(outcome);
        progress(`${twin.id}/${twin.twin} run ${run}/${runs}: ${outcome.failed}/${outcome.total} failed in ${(outcome.durationMs / 1000).toFixed(1)} s`);
      }
      return outcomes;
    }),
    concurrency,
  );
  const measured = twins.map((twin, index) => {
    const outcomes = results[index];
    const errorCounts = new Map();
    for (const outcome of outcomes) {
      // The same error in several tests of one run counts once for that run; locations and file names vary.
      for (const error of new Set(outcome.errors.map((text) => text.replace(/^[^:]*: /, '')))) {
        errorCounts.set(error, (errorCounts.get(error) ?? 0) + 1);
      }
    }
    const seconds = outcomes.map((outcome) => outcome.durationMs / 1000).sort((a, b) => a - b);
    return {
      id: twin.id,
      twin: twin.twin,
      runs: outcomes.length,
      runsFailed: outcomes.filter((outcome) => outcome.failed > 0 || outcome.total === 0 || outcome.exitCode !== 0).length,
      failedTests: [...new Set(outcomes.map((outcome) => `${outcome.failed}/${outcome.total}`))].sort(),
      errors: [...errorCounts].sort((a, b) => b[1] - a[1]).map(([error, count]) => ({ error, runs: count })),
      seconds: { min: seconds[0], median: seconds[Math.floor(seconds.length / 2)], max: seconds.at(-1) },
    };
  });
  const summary = { runs, twins: measured, durationMs: Date.now() - started };
  if (asJson) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  console.log(`each twin's tests, run ${runs} times:`);
  for (const twin of measured) {
    console.log(
      `${twin.id}/${twin.twin}: failed in ${twin.runsFailed} of ${twin.runs} runs (failed/total tests: ${twin.failedTests.join(', ')}; ` +
        `${twin.seconds.min.toFixed(1)}–${twin.seconds.max.toFixed(1)} s, median ${twin.seconds.median.toFixed(1)} s)`,
    );
    for (const { error, runs: count } of twin.errors) console.log(`    ${count}× ${error}`);
  }
  console.log(`done in ${(summary.durationMs / 1000).toFixed(1)} s`);
}

function printTable(summary) {
  const shortRule = (ruleId) => ruleId.replace(/^test-isolation\//, '');
  const rows = summary.stories.map((story) => [
    story.id,
    `${story.broken.tests.failed}/${story.broken.tests.total} failed${story.broken.tests.attempts > 1 ? ` (run ${story.broken.tests.attempts})` : ''}`,
    `${story.fixed.tests.failed}/${story.fixed.tests.total} failed`,
    story.broken.lint.ruleIds.map(shortRule).join(', ') || '(none)',
    story.fixed.lint.ruleIds.map(shortRule).join(', ') || '(none)',
  ]);
  const header = ['story', 'broken tests', 'fixed tests', 'findings on broken', 'findings on fixed'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const story of summary.stories) {
    console.log(`${story.id}: ${story.title}`);
    for (const twin of ['broken', 'fixed']) {
      const { tests, lint } = story[twin];
      console.log(`  ${twin}: ${tests.failed}/${tests.total} tests failed in ${(tests.durationMs / 1000).toFixed(1)} s`);
      for (const error of tests.errors.slice(0, 4)) console.log(`    ✗ ${error}`);
      if (tests.output) console.log(tests.output.replace(/^/gm, '    | '));
      for (const finding of lint.findings) console.log(`    ${finding.file}:${finding.line}  ${finding.ruleId}  ${finding.messageId ?? ''}`);
    }
    if (!story.asExpected) console.log('  NOT AS EXPECTED: the broken twin must fail, the fixed twin must pass with no findings.');
  }
  console.log('');
  console.log(`plugin rules: ${summary.plugin.rules.join(', ')}`);
  console.log(`done in ${(summary.durationMs / 1000).toFixed(1)} s`);
}

await (runs > 1 ? measure() : main());
