// `npm run bench`: lints a generated TypeScript project (scripts/bench-project.mjs) with ESLint's Node
// API in one process and prints the lint-time ratio of the plugin's `recommended` config over the
// parser alone (configurations interleaved file by file), per-rule time from ESLint's stats, peak
// memory, the findings per rule checked against the defects the generator seeded, and the budgets
// the issues set. It is a benchmark: it never fails on a budget.
//
//   node scripts/bench.mjs [--files 2000] [--rounds 3] [--per-rule] [--typed] [--json]
//
//   --per-rule  also time each rule alone (parser + that rule), and rules budgeted together
//   --typed     also compare typescript-eslint's typed baseline (no-floating-promises with
//               projectService) with that baseline plus `recommended-type-checked`; slow
//
// When the plugin has the project-index rules (no-duplicate-entity, no-entity-double-load), child
// processes also time the index on one file: a cold build (fresh process, no persistent cache), a
// fresh process with the persistent cache, and warm re-lints.

// Timed lints have `stats` off: ESLint's stats wrap every rule listener in a timer, which would be
// counted as the plugin's cost. Per-rule times come from separate `recommended` runs with
// `stats: true`, which are not used for the ratios.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

import plugin from '../dist/index.mjs';
import { DEFAULT_FILES, ensureBenchProject } from './bench-project.mjs';

const require = createRequire(import.meta.url);

/** Added wall time over the parser-only run that the issues allow, per rule (or rules together). */
const budgets = [
  { issue: 2, rules: ['require-async-fixture'], limitPercent: 2 },
  { issue: 3, rules: ['no-module-singleton'], limitPercent: 2 },
  { issue: 3, rules: ['require-per-worker-resource'], limitPercent: 2 },
  { issue: 4, rules: ['no-duplicate-entity', 'no-entity-double-load'], limitPercent: 5 },
  { issue: 5, rules: ['no-uninjected-session'], limitPercent: 3 },
  { issue: 5, rules: ['no-uninjected-session'], limitPercent: 5, typed: true },
  { issue: 6, rules: ['require-resource-teardown'], limitPercent: 2 },
];

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: String(DEFAULT_FILES) },
    rounds: { type: 'string', default: '3' },
    'per-rule': { type: 'boolean', default: false },
    typed: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    // internal: the child process that times the project index on one file
    'index-probe': { type: 'string' },
    // internal: the child process that lints the whole project once, cold, with one configuration
    'cold-run': { type: 'string' },
  },
});
const fileCount = positiveInteger(args.files, '--files');
const rounds = positiveInteger(args.rounds, '--rounds');
const log = args.json || args['index-probe'] || args['cold-run'] ? () => {} : (line = '') => console.log(line);

// A full collection before each run, so one run's garbage is not collected during the next.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

const started = performance.now();
const loadAtStart = os.loadavg()[0];
const project = ensureBenchProject({ files: fileCount });
const projectDir = project.dir;
log(`${project.generated ? 'generated' : 'reusing'} ${path.relative(process.cwd(), projectDir)}`);

// ------------------------------------------------------------------------------------------ configurations

const typeScriptFiles = ['**/*.ts'];
const recommended = plugin.configs.recommended;
const recommendedRules = Object.keys(Object.assign({}, ...recommended.map((config) => config.rules ?? {})));

/** `recommended` with only `ruleIds` left on. */
const onlyRules = (ruleIds) =>
  recommended.map((config) =>
    config.rules ? { ...config, rules: Object.fromEntries(Object.entries(config.rules).filter(([id]) => ruleIds.includes(id))) } : config,
  );

/**
 * A rule with no listeners. ESLint charges any enabled rule a cost per file that the parser-only run
 * does not pay: the rule context is `Object.create(fileContext)`, so each file's context becomes a
 * prototype, and V8 keeps what it reaches (the file's AST and tokens) alive through young-generation
 * collections until the next full one. Measured with `--trace-gc` on 300 files × 10: 811 scavenges
 * freeing 9.1 MB each against 771 freeing 11.8 MB without the rule, and the same as without it when
 * `extend` copies the properties instead. Timing this rule shows that floor beside the plugin's.
 */
const ruleDoingNothing = { meta: { type: 'problem', schema: [] }, create: () => ({}) };
const NOTHING = 'a rule doing nothing';
const configurations = {
  'parser-only': [{ name: 'bench/parser-only', files: typeScriptFiles, languageOptions: { parser: tsParser } }],
  [NOTHING]: [
    { name: 'bench/parser-only', files: typeScriptFiles, languageOptions: { parser: tsParser } },
    { name: 'bench/nothing', files: typeScriptFiles, plugins: { bench: { rules: { nothing: ruleDoingNothing } } }, rules: { 'bench/nothing': 'error' } },
  ],
  recommended,
};
/** Pairs compared round by round: [baseline, with the plugin]. */
const comparisons = [['parser-only', NOTHING], ['parser-only', 'recommended']];
if (args['per-rule']) {
  for (const ruleId of recommendedRules) {
    const name = `only ${ruleId.replace(/^test-isolation\//, '')}`;
    configurations[name] = onlyRules([ruleId]);
    comparisons.push(['parser-only', name]);
  }
  // rules with one budget between them are also timed together
  for (const budget of budgets.filter((b) => b.rules.length > 1 && !b.typed)) {
    const ruleIds = budget.rules.map((rule) => `test-isolation/${rule}`);
    if (!ruleIds.every((ruleId) => recommendedRules.includes(ruleId))) continue;
    const name = `only ${budget.rules.join(' + ')}`;
    configurations[name] = onlyRules(ruleIds);
    comparisons.push(['parser-only', name]);
  }
}
if (args.typed) {
  const tseslint = (await import('typescript-eslint')).default;
  const typedBaseline = {
    name: 'bench/typed-baseline',
    files: typeScriptFiles,
    languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: projectDir } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  };
  configurations['typed-baseline'] = [typedBaseline];
  const typeChecked = plugin.configs['recommended-type-checked'];
  configurations['typed+recommended-type-checked'] = [...typeChecked, typedBaseline];
  comparisons.push(['typed-baseline', 'typed+recommended-type-checked']);
  // the typed budget is no-uninjected-session's own, with its type-aware options
  const typedSession = 'test-isolation/no-uninjected-session';
  configurations['typed+no-uninjected-session'] = [
    ...typeChecked.map((config) =>
      config.rules ? { ...config, rules: Object.fromEntries(Object.entries(config.rules).filter(([id]) => id === typedSession)) } : config,
    ),
    typedBaseline,
  ];
  comparisons.push(['typed-baseline', 'typed+no-uninjected-session']);
}
/** Configurations also run with `stats: true` once per round, for per-rule time. */
const statsConfigurations = ['recommended', ...(args.typed ? ['typed+recommended-type-checked'] : [])];

const indexRules = ['no-duplicate-entity', 'no-entity-double-load'].filter((rule) => rule in plugin.rules);
if (args['index-probe']) {
  console.log(JSON.stringify(await indexProbe(path.join(projectDir, args['index-probe']))));
  // `exit` also lets the index write its persistent cache, as after a CLI run.
  process.exit(0);
}
const indexPairName = `only ${indexRules.join(' + ')}`;
const coldRunConfigurations = {
  'parser-only': configurations['parser-only'],
  [indexPairName]: onlyRules(indexRules.map((rule) => `test-isolation/${rule}`)),
  [NOTHING]: configurations[NOTHING],
};
if (args['cold-run']) {
  console.log(JSON.stringify(await coldRun(args['cold-run'])));
  process.exit(0);
}
const index = indexRules.length > 0 ? measureIndex() : undefined;
const coldRuns = indexRules.length > 0 ? measureColdRuns() : undefined;

// ------------------------------------------------------------------------------------------ runs

/** One ESLint run over the whole project with a fresh ESLint instance. */
async function lintOnce(name, { stats = false } = {}) {
  collectGarbage();
  const eslint = new ESLint({
    cwd: projectDir,
    overrideConfigFile: true,
    overrideConfig: configurations[name],
    cache: false,
    stats,
  });
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 25);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const results = await eslint.lintFiles(['.']);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  return { name, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRss, results };
}

const timedNames = Object.keys(configurations);
/** Per configuration and round: the summed wall and CPU time of its lints, file by file. */
const wallTimes = Object.fromEntries(timedNames.map((name) => [name, []]));
const cpuTimes = Object.fromEntries(timedNames.map((name) => [name, []]));
/** Per configuration and file: the wall and CPU time of each round's lint. */
const fileWallTimes = Object.fromEntries(timedNames.map((name) => [name, []]));
const fileCpuTimes = Object.fromEntries(timedNames.map((name) => [name, []]));
const wholeRunMs = {};
const statsRuns = Object.fromEntries(statsConfigurations.map((name) => [name, []]));
const peakRss = {};
const lastResults = {};
const notePeak = (label, run) => {
  peakRss[label] = Math.max(peakRss[label] ?? 0, run.peakRss);
};

log('whole runs: one of each configuration (findings, memory, and warm-up)');
for (const name of timedNames) {
  const run = await lintOnce(name);
  notePeak(name, run);
  lastResults[name] = run.results;
  wholeRunMs[name] = run.wallMs;
  log(`  ${name.padEnd(40)} ${formatMs(run.wallMs)}`);
}
for (const name of statsConfigurations) {
  const run = await lintOnce(name, { stats: true });
  statsRuns[name].push(summarizeStats(run));
  notePeak(`${name} (stats)`, run);
  lastResults[name] = run.results;
}

/*
 * The timed comparison interleaves the configurations file by file: each file is linted by every
 * configuration in turn, in an order shuffled per file, with one ESLint instance per configuration
 * (one run each, as on the command line). A machine whose speed drifts (other processes, a shared
 * host) then slows every configuration alike; whole runs one after another differed by up to 40%
 * here. Before each lint a young-generation collection (not timed) clears what the previous lint
 * left, so a lint pays for the collections its own allocations cause and not for another's. It
 * does not pay for what it keeps alive for later collections (a syntax tree held by a rule's
 * context), so the ratios are lower bounds for a whole run (README, "Performance").
 */
const lintedFiles = lastResults['parser-only'].map((result) => result.filePath).sort();
const texts = new Map(lintedFiles.map((file) => [file, readFileSync(file, 'utf8')]));
const engines = Object.fromEntries(
  timedNames.map((name) => [name, new ESLint({ cwd: projectDir, overrideConfigFile: true, overrideConfig: configurations[name], cache: false })]),
);
let seed = 20_261_121;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
log(`interleaved: ${lintedFiles.length} files × ${timedNames.length} configurations × ${rounds} rounds`);
for (let round = 0; round < rounds; round++) {
  const wall = Object.fromEntries(timedNames.map((name) => [name, 0]));
  const cpu = Object.fromEntries(timedNames.map((name) => [name, 0]));
  for (const [fileIndex, file] of lintedFiles.entries()) {
    const order = timedNames.map((name) => [random(), name]).sort(([a], [b]) => a - b);
    for (const [, name] of order) {
      collectGarbage({ type: 'minor' });
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await engines[name].lintText(texts.get(file), { filePath: file });
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      const cpuMs = (used.user + used.system) / 1000;
      wall[name] += wallMs;
      cpu[name] += cpuMs;
      (fileWallTimes[name][fileIndex] ??= []).push(wallMs);
      (fileCpuTimes[name][fileIndex] ??= []).push(cpuMs);
    }
  }
  for (const name of timedNames) {
    wallTimes[name].push(wall[name]);
    cpuTimes[name].push(cpu[name]);
  }
  log(`round ${round + 1}/${rounds}: ${timedNames.map((name) => `${name} ${formatMs(wall[name])}`).join(', ')}`);
}
for (let round = 1; round < rounds; round++) {
  for (const name of statsConfigurations) statsRuns[name].push(summarizeStats(await lintOnce(name, { stats: true })));
}

// ------------------------------------------------------------------------------------------ summary

const configurationSummaries = Object.fromEntries(
  timedNames.map((name) => {
    const runs = wallTimes[name];
    return [
      name,
      {
        medianMs: round1(median(runs)),
        fileMediansMs: round1(sumOfMedians(fileWallTimes[name])),
        minMs: round1(Math.min(...runs)),
        maxMs: round1(Math.max(...runs)),
        runsMs: runs.map(round1),
        medianCpuMs: round1(median(cpuTimes[name])),
        wholeRunMs: round1(wholeRunMs[name]),
      },
    ];
  }),
);
const comparisonSummaries = comparisons.map(([baseline, withPlugin]) => compare(baseline, withPlugin));
const ruleSummaries = Object.fromEntries(Object.entries(statsRuns).map(([name, runs]) => [name, combineStats(runs)]));
const summary = {
  project: {
    dir: path.relative(process.cwd(), projectDir),
    files: fileCount,
    ...project.manifest.counts,
    lines: project.manifest.lines,
    generated: project.generated,
  },
  machine: {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    eslint: ESLint.version,
    typescriptEslintParser: require('@typescript-eslint/parser/package.json').version,
    typescript: require('typescript/package.json').version,
    plugin: plugin.meta.version,
  },
  rounds,
  load: { atStart: round2(loadAtStart), atEnd: round2(os.loadavg()[0]) },
  configurations: configurationSummaries,
  comparisons: comparisonSummaries,
  rules: ruleSummaries,
  findings: Object.fromEntries(statsConfigurations.map((name) => [name, countFindings(lastResults[name])])),
  seeded: checkSeededDefects(lastResults.recommended, project.manifest.expected),
  peakRssMb: {
    ...Object.fromEntries(Object.entries(peakRss).map(([name, bytes]) => [name, Math.round(bytes / 2 ** 20)])),
    process: Math.round(process.resourceUsage().maxRSS / 1024),
  },
  index,
  coldRuns,
  budgets: evaluateBudgets(),
  totalSeconds: Math.round((performance.now() - started) / 1000),
};

if (args.json) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  printSummary(summary);
}

// ------------------------------------------------------------------------------------------ helpers

/**
 * Whole cold runs of the index rules: fresh processes, each linting the whole project once with the
 * parser alone or with the two index rules, in alternating order, the persistent cache deleted
 * before each. This is what a CI run without a cache pays, index build and all.
 */
function measureColdRuns(pairs = 3) {
  const cacheDir = path.join(projectDir, 'node_modules', '.cache', 'eslint-plugin-test-isolation');
  const run = (name) => {
    rmSync(cacheDir, { recursive: true, force: true });
    return JSON.parse(
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--files', String(fileCount), '--cold-run', name], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ).wallMs;
  };
  log(`whole cold runs in fresh processes: parser-only, ${indexPairName} and ${NOTHING}, ${pairs} times each`);
  const ratios = [];
  const nothingRatios = [];
  const runs = [];
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 === 0 ? ['parser-only', indexPairName, NOTHING] : [NOTHING, indexPairName, 'parser-only'];
    const times = Object.fromEntries(order.map((name) => [name, run(name)]));
    runs.push({ parserOnlyMs: round1(times['parser-only']), withRulesMs: round1(times[indexPairName]), nothingMs: round1(times[NOTHING]) });
    ratios.push(times[indexPairName] / times['parser-only']);
    nothingRatios.push(times[NOTHING] / times['parser-only']);
  }
  return {
    rules: indexRules,
    runs,
    roundRatios: ratios.map(round4),
    addedPercent: round2((median(ratios) - 1) * 100),
    nothingAddedPercent: round2((median(nothingRatios) - 1) * 100),
  };
}

/** One whole lint of the project in this fresh process (`--cold-run`). */
async function coldRun(name) {
  const eslint = new ESLint({ cwd: projectDir, overrideConfigFile: true, overrideConfig: coldRunConfigurations[name], cache: false });
  const start = performance.now();
  await eslint.lintFiles(['.']);
  return { wallMs: performance.now() - start };
}

/**
 * Times the project index on one file in fresh processes, so the index starts cold: three without
 * the persistent cache (deleted before each), then three with the cache such a run leaves. Each
 * figure is the minimum over the processes, the estimate a busy machine disturbs least.
 */
function measureIndex() {
  const file = indexProbeFile();
  const cacheDir = path.join(projectDir, 'node_modules', '.cache', 'eslint-plugin-test-isolation');
  const probe = () =>
    JSON.parse(
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--files', String(fileCount), '--index-probe', file], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
  log(`timing the project index on ${file} in fresh processes`);
  const cold = [];
  for (let i = 0; i < 3; i++) {
    rmSync(cacheDir, { recursive: true, force: true });
    cold.push(probe());
  }
  const persisted = [probe(), probe(), probe()];
  const least = (runs, key) => round1(Math.min(...runs.map((run) => run[key])));
  const coldBuildMs = least(cold, 'firstMs');
  return {
    rules: indexRules,
    file,
    coldBuildMs,
    coldBuildMsPer1000Files: round1(coldBuildMs / (fileCount / 1000)),
    persistentCacheStartMs: least(persisted, 'firstMs'),
    newRunMs: least([...cold, ...persisted], 'newRunMs'),
    warmRelintMs: least([...cold, ...persisted], 'relintMs'),
    parserOnlyFileMs: least([...cold, ...persisted], 'parserMs'),
  };
}

/** A model file that registers an entity, so both index rules need the whole project's facts. */
function indexProbeFile() {
  const models = [];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.model.ts')) models.push(full);
    }
  };
  visit(path.join(projectDir, 'src'));
  const registering = models.find((file) => /@Entity\(|\bmodel</.test(readFileSync(file, 'utf8'))) ?? models[0];
  return path.relative(projectDir, registering).split(path.sep).join('/');
}

/**
 * In the child process: how much the index rules add to linting `file`, over the parser alone
 * (minimum of several lints each). `firstMs` is the first lint with them (the index is built),
 * `newRunMs` a new ESLint instance (a new run: the index checks the project's files on disk again),
 * `relintMs` the same instance again (an editor re-linting the file).
 */
async function indexProbe(file) {
  const withIndex = onlyRules(indexRules.map((rule) => `test-isolation/${rule}`));
  const create = (config) => new ESLint({ cwd: projectDir, overrideConfigFile: true, overrideConfig: config, cache: false });
  const time = async (eslint) => {
    const start = performance.now();
    await eslint.lintFiles([file]);
    return performance.now() - start;
  };
  /** Minimum times of `a` and `b`, run in alternation, each first every other time. */
  const fastestPair = async (count, a, b) => {
    const best = [Infinity, Infinity];
    for (let i = 0; i < count; i++) {
      const order = i % 2 === 0 ? [0, 1] : [1, 0];
      for (const which of order) best[which] = Math.min(best[which], await (which === 0 ? a() : b()));
    }
    return best;
  };
  const newParserRun = () => time(create(configurations['parser-only']));
  // Load and warm up ESLint and the parser on this file, so the index is the only cold part left.
  let parserMs = Infinity;
  for (let i = 0; i < 10; i++) parserMs = Math.min(parserMs, await newParserRun());
  const firstMs = (await time(create(withIndex))) - parserMs;
  const [newRunMs, newParserMs] = await fastestPair(15, () => time(create(withIndex)), newParserRun);
  const sameIndex = create(withIndex);
  const sameParser = create(configurations['parser-only']);
  const [relintMs, relintParserMs] = await fastestPair(40, () => time(sameIndex), () => time(sameParser));
  return {
    firstMs: round1(firstMs),
    newRunMs: round1(newRunMs - newParserMs),
    relintMs: round1(relintMs - relintParserMs),
    parserMs: round1(relintParserMs),
  };
}

/**
 * The ratio of the two configurations' lint times, each the sum over files of the file's median
 * lint time over the rounds: a lint that a major collection or another process happened to
 * interrupt is left out file by file, where a sum per round keeps it. Round-by-round ratios of the
 * summed times are kept beside it.
 */
function compare(baseline, withPlugin) {
  const ratios = wallTimes[baseline].map((base, index) => wallTimes[withPlugin][index] / base);
  const ratio = sumOfMedians(fileWallTimes[withPlugin]) / sumOfMedians(fileWallTimes[baseline]);
  const addedMs = sumOfMedians(fileWallTimes[withPlugin]) - sumOfMedians(fileWallTimes[baseline]);
  const cpuRatio = sumOfMedians(fileCpuTimes[withPlugin]) / sumOfMedians(fileCpuTimes[baseline]);
  // What the plugin adds on top of ESLint's cost of enabling any rule.
  const overNothing =
    baseline === 'parser-only' && withPlugin !== NOTHING ? sumOfMedians(fileWallTimes[withPlugin]) / sumOfMedians(fileWallTimes[NOTHING]) : undefined;
  return {
    baseline,
    withPlugin,
    medianRatio: round4(ratio),
    addedPercent: round2((ratio - 1) * 100),
    ...(overNothing !== undefined && { overNothingPercent: round2((overNothing - 1) * 100) }),
    medianAddedMs: round1(addedMs),
    roundRatios: ratios.map(round4),
    medianCpuRatio: round4(cpuRatio),
    addedCpuPercent: round2((cpuRatio - 1) * 100),
  };
}

function sumOfMedians(perFile) {
  return perFile.reduce((sum, times) => sum + median(times), 0);
}

/** Sums ESLint's per-file, per-pass times into per-rule totals and the parse total for one run. */
function summarizeStats(run) {
  const rules = {};
  let parseMs = 0;
  for (const result of run.results) {
    for (const pass of result.stats?.times.passes ?? []) {
      parseMs += pass.parse?.total ?? 0;
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) rules[ruleId] = (rules[ruleId] ?? 0) + time.total;
    }
  }
  return { wallMs: run.wallMs, parseMs, rules };
}

/**
 * Medians over the stats runs of one configuration. A rule's `addedPercent` is its time over the
 * rest of the same run (wall time minus all rule time): the time it adds, measured file by file in
 * one run, so a machine whose load changes between runs skews it far less than the wall-time
 * ratios. It leaves out ESLint's own cost of running any rule at all (traversal, listener calls)
 * and garbage collection. Work the recognition layer shares between rules is counted for the first
 * rule that asks for it.
 */
function combineStats(runs) {
  const totalOf = (run) => Object.values(run.rules).reduce((sum, ms) => sum + ms, 0);
  const ruleIds = [...new Set(runs.flatMap((run) => Object.keys(run.rules)))].sort();
  const rules = Object.fromEntries(
    ruleIds.map((ruleId) => [
      ruleId,
      {
        medianMs: round1(median(runs.map((run) => run.rules[ruleId] ?? 0))),
        addedPercent: round2(median(runs.map((run) => ((run.rules[ruleId] ?? 0) / (run.wallMs - totalOf(run))) * 100))),
      },
    ]),
  );
  return {
    medianWallMs: round1(median(runs.map((run) => run.wallMs))),
    medianParseMs: round1(median(runs.map((run) => run.parseMs))),
    totalRuleMs: round1(median(runs.map(totalOf))),
    totalAddedPercent: round2(median(runs.map((run) => (totalOf(run) / (run.wallMs - totalOf(run))) * 100))),
    rules,
  };
}

/**
 * Each budget from the issues whose rules the plugin has. A single rule's added wall time is its
 * `only <rule>` run over parser-only when `--per-rule` timed it; otherwise, and for rules budgeted
 * together, the ESLint-stats estimate. Both are reported.
 */
function evaluateBudgets() {
  const pluginRules = new Set(Object.keys(plugin.rules));
  const evaluated = [];
  for (const budget of budgets) {
    if (!budget.rules.every((rule) => pluginRules.has(rule))) continue;
    const entry = { issue: budget.issue, rules: budget.rules, typed: budget.typed === true, limitPercent: budget.limitPercent };
    if (budget.typed) {
      if (!args.typed) continue;
      entry.wallPercent = comparisonSummaries.find((c) => c.withPlugin === 'typed+no-uninjected-session').addedPercent;
      entry.valuePercent = entry.wallPercent;
      entry.method = 'wall time: the rule with `typeAware` over typed-baseline (no-floating-promises), interleaved per file';
    } else {
      const stats = ruleSummaries.recommended.rules;
      entry.statsPercent = round2(budget.rules.reduce((sum, rule) => sum + (stats[`test-isolation/${rule}`]?.addedPercent ?? 0), 0));
      const alone = comparisonSummaries.find((c) => c.withPlugin === `only ${budget.rules.join(' + ')}`);
      const usesIndex = index !== undefined && budget.rules.some((rule) => indexRules.includes(rule));
      if (alone) {
        // The interleaved lints share one warm project index: a run also pays its cold build once,
        // timed in fresh processes, as a share of one whole run's lint time.
        const buildPercent = usesIndex ? (index.coldBuildMs / sumOfMedians(fileWallTimes['parser-only'])) * 100 : 0;
        if (usesIndex) entry.coldBuildPercent = round2(buildPercent);
        entry.wallPercent = round2(alone.addedPercent + buildPercent);
        entry.ownPercent = round2(alone.overNothingPercent + buildPercent);
        entry.ownMet = entry.ownPercent < budget.limitPercent;
      }
      entry.valuePercent = entry.wallPercent ?? entry.statsPercent;
      entry.method = alone
        ? `wall time: ${budget.rules.length === 1 ? 'the rule' : 'the rules'} alone over parser-only, interleaved per file${usesIndex ? ', plus the cold index build' : ''}`
        : 'ESLint stats: rule time over the rest of the run';
    }
    // ESLint's stats leave out what a rule costs outside its listeners: an estimate, never a verdict.
    entry.met = entry.wallPercent === undefined ? undefined : entry.valuePercent < budget.limitPercent;
    evaluated.push(entry);
  }
  if (index) {
    evaluated.push(
      { issue: 4, what: 'cold index build per 1,000 files', value: index.coldBuildMsPer1000Files, unit: 'ms', limit: 1000, met: index.coldBuildMsPer1000Files <= 1000 },
      { issue: 4, what: 'warm single-file re-lint, added', value: index.warmRelintMs, unit: 'ms', limit: 5, met: index.warmRelintMs < 5 },
    );
  }
  return evaluated;
}

function countFindings(results) {
  const byRule = {};
  let parseErrors = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.ruleId === null) {
        parseErrors++;
        continue;
      }
      const entry = (byRule[message.ruleId] ??= { total: 0, messageIds: {} });
      entry.total++;
      const id = message.messageId ?? '(none)';
      entry.messageIds[id] = (entry.messageIds[id] ?? 0) + 1;
    }
  }
  return { byRule, parseErrors, filesLinted: results.length };
}

/** Compares the findings of the rules the generator seeds defects for, by file, line and messageId. */
function checkSeededDefects(results, expected) {
  const key = (finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.messageId}`;
  const seededRules = new Set(expected.map((finding) => finding.ruleId).filter((ruleId) => recommendedRules.includes(ruleId)));
  const found = new Set();
  for (const result of results) {
    const file = path.relative(projectDir, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) {
      if (seededRules.has(message.ruleId)) found.add(key({ file, line: message.line, ruleId: message.ruleId, messageId: message.messageId }));
    }
  }
  const wanted = new Set(expected.filter((finding) => seededRules.has(finding.ruleId)).map(key));
  const missed = [...wanted].filter((item) => !found.has(item));
  const unexpected = [...found].filter((item) => !wanted.has(item));
  return {
    rules: [...seededRules],
    seeded: wanted.size,
    reported: found.size,
    missed: missed.length,
    unexpected: unexpected.length,
    examples: { missed: missed.slice(0, 5), unexpected: unexpected.slice(0, 5) },
  };
}

function printSummary(s) {
  const { project: p, machine: m } = s;
  const busy = Math.max(s.load.atStart, s.load.atEnd) > m.cpus;
  log();
  log(`project   ${p.dir}: ${p.files} files (${p.source} sources, ${p.test} tests, ${p.fixture} fixtures/setup), ${p.lines.toLocaleString('en-US')} lines`);
  log(`machine   ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}`);
  log(`versions  ESLint ${m.eslint}, @typescript-eslint/parser ${m.typescriptEslintParser}, TypeScript ${m.typescript}, plugin ${m.plugin}`);
  log(`method    one process, cache off; one whole run of each configuration, then ${s.rounds} rounds linting every file with each configuration in turn (order shuffled per file); ratios of the sums over files of each file's median lint time`);
  log(`load      1-minute load average ${s.load.atStart} at start, ${s.load.atEnd} at end${busy ? ' — the machine was busy: wall times are noisy' : ''}`);
  log();
  log(`${'lint time, summed over files'.padEnd(40)} ${'median'.padStart(10)} ${'min'.padStart(10)} ${'max'.padStart(10)} ${'CPU median'.padStart(12)} ${'whole run'.padStart(11)}`);
  for (const [name, c] of Object.entries(s.configurations)) {
    log(
      `${name.padEnd(40)} ${formatMs(c.medianMs).padStart(10)} ${formatMs(c.minMs).padStart(10)} ${formatMs(c.maxMs).padStart(10)} ${formatMs(c.medianCpuMs).padStart(12)} ${formatMs(c.wholeRunMs).padStart(11)}`,
    );
  }
  log();
  for (const c of s.comparisons) {
    const overNothing = c.overNothingPercent === undefined ? '' : `; over ${NOTHING} ${signed(c.overNothingPercent)}%`;
    log(`${c.withPlugin} / ${c.baseline}: ratio ${c.medianRatio.toFixed(4)} (${signed(c.addedPercent)}% wall time, ${signed(c.medianAddedMs)} ms; CPU ${signed(c.addedCpuPercent)}%${overNothing})`);
    if (c.roundRatios.length > 1) log(`  ratios of the rounds' sums: ${c.roundRatios.map((r) => r.toFixed(4)).join(', ')}`);
  }
  log();
  for (const [name, stats] of Object.entries(s.rules)) {
    log(`rule time (ESLint stats, median of ${statsRuns[name].length} runs of ${name} with stats: wall ${formatMs(stats.medianWallMs)}, parse ${formatMs(stats.medianParseMs)})`);
    log(`  ${'rule'.padEnd(46)} ${'time'.padStart(10)} ${'added'.padStart(8)}   (added: rule time over the rest of the same run)`);
    for (const [ruleId, rule] of Object.entries(stats.rules)) {
      log(`  ${ruleId.padEnd(46)} ${formatMs(rule.medianMs).padStart(10)} ${`+${rule.addedPercent.toFixed(2)}%`.padStart(8)}`);
    }
    log(`  ${'all rules'.padEnd(46)} ${formatMs(stats.totalRuleMs).padStart(10)} ${`+${stats.totalAddedPercent.toFixed(2)}%`.padStart(8)}`);
  }
  log();
  for (const [name, findings] of Object.entries(s.findings)) {
    log(`findings (${name}: ${findings.filesLinted} files linted, ${findings.parseErrors} parse errors)`);
    for (const [ruleId, entry] of Object.entries(findings.byRule).sort(([a], [b]) => a.localeCompare(b))) {
      const ids = Object.entries(entry.messageIds).map(([id, n]) => `${id} ${n}`).join(', ');
      log(`  ${ruleId.padEnd(46)} ${String(entry.total).padStart(6)}  (${ids})`);
    }
  }
  const seeded = s.seeded;
  log(`seeded defects (${seeded.rules.map((r) => r.replace(/^test-isolation\//, '')).join(', ')}): ${seeded.seeded}, reported: ${seeded.reported}, missed: ${seeded.missed}, unexpected: ${seeded.unexpected}`);
  for (const item of seeded.examples.missed) log(`  missed     ${item}`);
  for (const item of seeded.examples.unexpected) log(`  unexpected ${item}`);
  log();
  log('peak RSS (sampled every 25 ms; one process, so a run also holds what earlier runs left allocated)');
  for (const [name, mb] of Object.entries(s.peakRssMb)) log(`  ${(name === 'process' ? 'process maxRSS' : name).padEnd(40)} ${String(mb).padStart(6)} MB`);
  log();
  if (s.index) {
    const i = s.index;
    log(`project index (${i.rules.join(', ')} on ${i.file}; time added to linting that file, ${formatMs(i.parserOnlyFileMs)} with the parser alone)`);
    log(`  cold build, no persistent cache                  ${formatMs(i.coldBuildMs).padStart(10)}  (${formatMs(i.coldBuildMsPer1000Files)} per 1,000 files)`);
    log(`  fresh process, persistent cache present          ${formatMs(i.persistentCacheStartMs).padStart(10)}`);
    log(`  new ESLint run in a warm process                 ${formatMs(i.newRunMs).padStart(10)}`);
    log(`  re-lint with the same ESLint instance            ${formatMs(i.warmRelintMs).padStart(10)}`);
    log();
  }
  if (s.coldRuns) {
    const c = s.coldRuns;
    log(`whole cold runs of ${c.rules.join(' + ')} (fresh processes, no persistent cache): ${signed(c.addedPercent)}% over parser-only (median of pairs)`);
    log(`  for comparison, ${NOTHING}: ${signed(c.nothingAddedPercent)}% (whole runs drift by more than the rules cost here; the budget uses the interleaved runs)`);
    for (const run of c.runs) {
      log(`  parser-only ${formatMs(run.parserOnlyMs).padStart(10)}   with the rules ${formatMs(run.withRulesMs).padStart(10)}   ${NOTHING} ${formatMs(run.nothingMs).padStart(10)}`);
    }
    log();
  }
  log('budgets (issues; printed, not enforced)');
  for (const b of s.budgets) {
    if (b.unit === 'ms') {
      log(`  #${b.issue} ${b.what.padEnd(46)} ${formatMs(b.value).padStart(8)} ${b.limit === 1000 ? '≤' : '<'} ${b.limit} ms: ${b.met ? 'met' : 'NOT met'}`);
      continue;
    }
    const what = `${b.rules.join(' + ')}${b.typed ? ' (typed)' : ''}`;
    const build = b.coldBuildPercent === undefined ? '' : ` (cold build ${signed(b.coldBuildPercent)}%)`;
    const other = `${build}${b.wallPercent !== undefined && b.statsPercent !== undefined ? `; ESLint stats ${signed(b.statsPercent)}%` : ''}`;
    const verdict = b.met === undefined ? 'not timed' : b.met ? 'met' : 'NOT met';
    log(`  #${b.issue} ${what.padEnd(46)} ${`${signed(b.valuePercent)}%`.padStart(8)} < ${b.limitPercent}%: ${verdict.padEnd(7)}  (${b.method}${other})`);
    if (b.ownPercent !== undefined) {
      log(`     ${''.padEnd(46)} ${`${signed(b.ownPercent)}%`.padStart(8)} < ${b.limitPercent}%: ${(b.ownMet ? 'met' : 'NOT met').padEnd(7)}  (the same over ${NOTHING}: what the plugin adds to a run that has any rule on)`);
    }
  }
  if (!args['per-rule'] && s.budgets.some((b) => !b.typed)) log('  (--per-rule also times each rule alone by wall time)');
  log(`total ${s.totalSeconds} s`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function positiveInteger(value, flag) {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) {
    console.error(`${flag} must be a positive integer, got ${value}`);
    process.exit(2);
  }
  return number;
}

function formatMs(ms) {
  return Math.abs(ms) < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}

function signed(value) {
  return `${value >= 0 ? '+' : ''}${value}`;
}

function round1(value) {
  return Math.round(value * 10) / 10;
}

function round2(value) {
  return Math.round(value * 100) / 100;
}

function round4(value) {
  return Math.round(value * 10000) / 10000;
}
