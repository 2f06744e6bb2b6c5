import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { ConfigName } from '../configs';
import { REPOSITORY_URL } from '../util/create-rule';
import { type AuditReport, configNames, runAudit } from './audit';
import { UsageError } from './errors';
import type { runFix as RunFix } from './fix/command';
import { codemodNames } from './fix/registry';
import { ProgressBar, type ProgressStream } from './progress';
import { formatJson } from './report/json';
import { formatSarif } from './report/sarif';
import { formatStylish, headline } from './report/stylish';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name: packageName, version } = require('../../package.json') as { name: string; version: string };

export interface CliIO {
  cwd: string;
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
}

const formats = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof formats)[number];

export const mainHelp = `Usage: test-isolation <command> [options]

Finds why tests pass alone and fail together: module-level singletons, ORM entities registered
twice, un-injected DB sessions, and sync fixtures that hold async resources.

Commands:
  audit [paths...]            Lint a project with the plugin's config; no ESLint config needed
  fix <codemod> [path]        Refactor the project across files (a dry run unless --write)

Options:
  -h, --help                  Show help (also: test-isolation <command> --help)
  -v, --version               Show the version

Exit codes: 0 clean, 1 findings (audit) or refused changes (fix), 2 usage or configuration error.
`;

export const auditHelp = `Usage: test-isolation audit [paths...] [options]

Runs ESLint with eslint-plugin-test-isolation's config on the TypeScript and JavaScript files under
each path (default: the current folder), from the project root at or above it (the nearest
package.json, tsconfig.json or jsconfig.json). Your eslint.config.* is neither needed nor read.
Skips node_modules, build output (dist, build, out, coverage, .next, ...) and what .gitignore
files exclude. Paths may be files: a pre-commit hook can pass the staged files; cross-file facts
still come from the whole project.

Options:
  -c, --config <name>         ${configNames.join(' | ')} (default: recommended)
  -f, --format <name>         ${formats.join(' | ')} (default: stylish)
  -o, --output <file>         Write the report to a file; print a one-line summary instead
  -h, --help                  Show this help

Exit codes: 0 no findings, 1 findings or unparsable files, 2 usage or configuration error.
`;

export function fixHelp(): string {
  return `Usage: test-isolation fix <codemod> [path] [--write]

Refactors the TypeScript project (the tsconfig.json or jsconfig.json at or above path, default: the
current folder) across files. Prints a unified diff per file and a summary; --write applies it.
Refuses to write when the change would add TypeScript errors, and prints them.

Codemods:
${codemodNames()
  .map(({ name, description }) => `  ${name.padEnd(26)}  ${description}`)
  .join('\n')}

Options:
  --write                     Apply the changes
  -h, --help                  Show this help
`;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout.write(mainHelp);
      return command === undefined ? 2 : 0;
    }
    if (command === '-v' || command === '--version') {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    if (command === 'audit') return await audit(rest, io);
    if (command === 'fix') return fix(rest, io);
    throw new UsageError(`unknown command "${command}"; use audit or fix (see test-isolation --help)`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`test-isolation: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Turns an argument parser's error (unknown option, missing value) into a usage error. */
function parsingArguments<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(firstLine(error));
  }
}

async function audit(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parsingArguments(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c', default: 'recommended' },
        format: { type: 'string', short: 'f', default: 'stylish' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help === true) {
    io.stdout.write(auditHelp);
    return 0;
  }
  const config = values.config;
  if (!(configNames as readonly string[]).includes(config)) {
    throw new UsageError(`unknown config "${config}"; use one of ${configNames.join(', ')}`);
  }
  const format = values.format;
  if (!(formats as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}"; use one of ${formats.join(', ')}`);
  }
  const output = values.output;
  if (output !== undefined && !fs.existsSync(path.dirname(path.resolve(io.cwd, output)))) {
    throw new UsageError(`cannot write ${output}: its folder does not exist`);
  }

  let report: AuditReport;
  try {
    report = await runAudit({
      targets: positionals,
      config: config as ConfigName,
      cwd: io.cwd,
      progress: new ProgressBar(io.stderr),
    });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // A broken configuration (bad settings, missing tsconfig for type information) or a crash.
    throw new UsageError(`ESLint failed: ${firstLine(error)}`);
  }
  const text = formatReport(report, format as Format);
  if (output === undefined) {
    io.stdout.write(text);
  } else {
    fs.writeFileSync(path.resolve(io.cwd, output), text);
    io.stdout.write(`${headline(report)}; report written to ${output}\n`);
  }
  return report.findings.length > 0 || report.parseErrors.length > 0 ? 1 : 0;
}

function formatReport(report: AuditReport, format: Format): string {
  switch (format) {
    case 'json':
      return formatJson(report, { name: packageName, version });
    case 'sarif':
      return formatSarif(report, { name: packageName, version, informationUri: REPOSITORY_URL });
    case 'stylish':
      return formatStylish(report);
  }
}

function fix(args: readonly string[], io: CliIO): number {
  const { values, positionals } = parsingArguments(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (values.help === true) {
    io.stdout.write(fixHelp());
    return 0;
  }
  const [codemod, target, ...extra] = positionals;
  const available = codemodNames()
    .map((entry) => entry.name)
    .join(', ');
  if (codemod === undefined) throw new UsageError(`name a codemod: ${available}`);
  if (!codemodNames().some((entry) => entry.name === codemod)) {
    throw new UsageError(`unknown codemod "${codemod}"; available: ${available}`);
  }
  if (extra.length > 0) throw new UsageError(`fix takes one path, got ${positionals.length - 1}`);
  // Loaded only here: ts-morph and its TypeScript are for codemods, never for a lint or an audit.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runFix } = require('./fix/command') as { runFix: typeof RunFix };
  return runFix({ codemod, target: target ?? '.', write: values.write === true, io });
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((line) => line.trim() !== '') ?? message;
}
