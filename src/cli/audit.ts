import path from 'node:path';

import { ESLint, type Linter } from 'eslint';

import type { ConfigName } from '../configs';
import plugin from '../index';
import { UsageError } from './errors';
import { familyOf, ruleOrder } from './families';
import { ProjectIgnores, collectFiles } from './files';
import type { ProgressBar } from './progress';
import { displayPath, findProjectRoot, resolveTarget } from './project';

export const configNames: readonly ConfigName[] = ['recommended', 'recommended-type-checked', 'strict', 'all'];

export interface AuditOptions {
  /** Files or folders, as the user gave them. */
  targets: readonly string[];
  config: ConfigName;
  /** The folder paths are relative to, and output paths are shown from. */
  cwd: string;
  progress?: ProgressBar;
  /** Files linted per `lintFiles` call; each call lets the progress bar move. */
  batchSize?: number;
}

export interface Finding {
  /** `test-isolation/require-async-fixture` */
  rule: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  messageId?: string;
  severity: 1 | 2;
}

/** A file ESLint could not parse: it was not linted. */
export interface ParseError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface RuleInfo {
  /** `test-isolation/require-async-fixture` */
  id: string;
  description: string;
  url: string;
  severity: 1 | 2;
}

export interface AuditReport {
  config: ConfigName;
  cwd: string;
  /** Project roots the targets belong to. */
  projects: string[];
  files: string[];
  rules: RuleInfo[];
  findings: Finding[];
  parseErrors: ParseError[];
  durationMs: number;
  eslintVersion: string;
}

export interface SummaryRow {
  family: string;
  rule: string;
  count: number;
  files: number;
}

// Measured: batches of 10 to all files cost the same CPU time on a 450-file project, so batches
// are small enough for the progress bar to move every few seconds on a slow machine.
const defaultBatchSize = 20;

/** Runs ESLint with one of the plugin's configs on the targets' projects, without any user ESLint config. */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const startedAt = performance.now();
  if (!configNames.includes(options.config)) {
    throw new UsageError(`unknown config "${String(options.config)}"; use one of ${configNames.join(', ')}`);
  }
  const targets = (options.targets.length > 0 ? options.targets : ['.']).map((target) => resolveTarget(options.cwd, target));
  // Targets in different projects (a monorepo's staged files) are linted from their own roots.
  const byRoot = new Map<string, string[]>();
  for (const target of targets) {
    const root = findProjectRoot(target, displayPath(target, options.cwd));
    byRoot.set(root, [...(byRoot.get(root) ?? []), target]);
  }

  const planned: { eslint: ESLint; files: string[] }[] = [];
  for (const [root, rootTargets] of byRoot) {
    const ignores = new ProjectIgnores(root);
    const candidates = collectFiles(rootTargets, ignores);
    const eslint = withoutESLintIgnoreWarning(
      () =>
        new ESLint({
          cwd: root,
          overrideConfigFile: true,
          overrideConfig: auditConfig(options.config, root, ignores.patterns),
          errorOnUnmatchedPattern: false,
        }),
    );
    const files: string[] = [];
    for (const file of candidates) {
      if (!(await eslint.isPathIgnored(file))) files.push(file);
    }
    planned.push({ eslint, files });
  }

  const total = planned.reduce((sum, project) => sum + project.files.length, 0);
  options.progress?.start(total);
  const results: ESLint.LintResult[] = [];
  const batchSize = options.batchSize ?? defaultBatchSize;
  try {
    for (const { eslint, files } of planned) {
      for (let index = 0; index < files.length; index += batchSize) {
        const batch = files.slice(index, index + batchSize);
        results.push(...(await eslint.lintFiles(batch)));
        options.progress?.advance(batch.length, path.relative(options.cwd, batch[batch.length - 1]!));
      }
    }
  } finally {
    options.progress?.finish();
  }

  const findings: Finding[] = [];
  const parseErrors: ParseError[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal === true) {
        parseErrors.push({ file: result.filePath, line: message.line, column: message.column, message: message.message });
      } else if (message.ruleId?.startsWith('test-isolation/') === true && message.severity > 0) {
        // Other rules can only come from inline `/* eslint … */` comments in the user's files.
        findings.push({
          rule: message.ruleId,
          file: result.filePath,
          line: message.line,
          column: message.column,
          ...(message.endLine === undefined ? {} : { endLine: message.endLine }),
          ...(message.endColumn === undefined ? {} : { endColumn: message.endColumn }),
          message: message.message,
          ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
          severity: message.severity,
        });
      }
    }
  }
  findings.sort(
    (a, b) => ruleOrder(a.rule) - ruleOrder(b.rule) || compare(a.file, b.file) || a.line - b.line || a.column - b.column,
  );
  return {
    config: options.config,
    cwd: options.cwd,
    projects: [...byRoot.keys()],
    files: planned.flatMap((project) => project.files),
    rules: enabledRules(options.config),
    findings,
    parseErrors,
    durationMs: performance.now() - startedAt,
    eslintVersion: ESLint.version,
  };
}

/**
 * ESLint warns that it no longer reads a project's .eslintignore; the audit reads it itself (see
 * ProjectIgnores), so the warning would be wrong here. Other warnings pass through.
 */
function withoutESLintIgnoreWarning<T>(create: () => T): T {
  const descriptor = Object.getOwnPropertyDescriptor(process, 'emitWarning')!;
  const emitWarning = descriptor.value as (...args: unknown[]) => void;
  Object.defineProperty(process, 'emitWarning', {
    ...descriptor,
    value: (...args: unknown[]) => {
      if (args[1] !== 'ESLintIgnoreWarning') emitWarning.apply(process, args);
    },
  });
  try {
    return create();
  } finally {
    Object.defineProperty(process, 'emitWarning', descriptor);
  }
}

/** The flat config of an audit: build folders and .gitignore, then the plugin's config. */
export function auditConfig(config: ConfigName, root: string, ignores: readonly string[]): Linter.Config[] {
  const configs: Linter.Config[] = [
    { name: 'test-isolation-audit/ignores', ignores: [...ignores] },
    {
      name: 'test-isolation-audit/options',
      // Unused `eslint-disable` comments for rules this run does not enable are not findings.
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
    },
    ...(plugin.configs[config] as Linter.Config[]),
  ];
  if (config === 'recommended-type-checked') {
    configs.push({
      name: 'test-isolation-audit/type-information',
      files: ['**/*.{ts,mts,cts,tsx}'],
      languageOptions: { parserOptions: { tsconfigRootDir: root } },
    });
  }
  return configs;
}

/** The rules a config turns on, with their docs, in family order. */
export function enabledRules(config: ConfigName): RuleInfo[] {
  const severities = new Map<string, 1 | 2>();
  for (const entry of plugin.configs[config]) {
    for (const [id, value] of Object.entries(entry.rules ?? {})) {
      const level = Array.isArray(value) ? (value as unknown[])[0] : value;
      const severity = level === 'error' || level === 2 ? 2 : level === 'warn' || level === 1 ? 1 : 0;
      if (severity === 0) severities.delete(id);
      else severities.set(id, severity);
    }
  }
  const rules = plugin.rules as Record<string, { meta: { docs?: { description?: string; url?: string } } }>;
  return [...severities]
    .map(([id, severity]) => {
      const docs = rules[id.replace(/^test-isolation\//, '')]?.meta.docs;
      return { id, description: docs?.description ?? '', url: docs?.url ?? '', severity };
    })
    .sort((a, b) => ruleOrder(a.id) - ruleOrder(b.id) || compare(a.id, b.id));
}

/** One row per enabled rule (and per rule that reported without being listed), in family order. */
export function summarize(report: AuditReport): SummaryRow[] {
  const rows = new Map<string, { count: number; files: Set<string> }>();
  for (const rule of report.rules) rows.set(rule.id, { count: 0, files: new Set() });
  for (const finding of report.findings) {
    const row = rows.get(finding.rule) ?? { count: 0, files: new Set<string>() };
    row.count += 1;
    row.files.add(finding.file);
    rows.set(finding.rule, row);
  }
  return [...rows]
    .sort(([a], [b]) => ruleOrder(a) - ruleOrder(b) || compare(a, b))
    .map(([rule, row]) => ({ family: familyOf(rule).title, rule, count: row.count, files: row.files.size }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
