import fs from 'node:fs';
import path from 'node:path';

import { type Diagnostic, Project, ts } from 'ts-morph';

import { UsageError } from '../errors';
import type { CliIO } from '../main';
import { displayPath, findUp, isDirectory, resolveTarget } from '../project';
import { loadCodemod } from './registry';
import { unifiedDiff } from './unified-diff';

export interface FixOptions {
  codemod: string;
  target: string;
  write: boolean;
  io: CliIO;
}

/** A TypeScript error as the before/after comparison sees it: line numbers move, so they are not part of it. */
interface DiagnosticEntry {
  key: string;
  text: string;
}

/**
 * Runs a codemod on the project at or above the target: prints a diff per changed file and a
 * summary, and with `write` saves the files, unless the change adds TypeScript errors.
 * Resolves to the exit code: 0 done (or nothing to do), 1 refused.
 */
export function runFix(options: FixOptions): number {
  const { io } = options;
  const codemod = loadCodemod(options.codemod);
  if (!codemod) throw new UsageError(`unknown codemod "${options.codemod}"`);
  const scope = resolveTarget(io.cwd, options.target);
  const tsconfig = findTsconfig(scope);
  const project = loadProject(tsconfig);
  const root = path.dirname(tsconfig);

  const before = new Map<string, string>(project.getSourceFiles().map((file) => [file.getFilePath(), file.getFullText()]));
  const diagnosticsBefore = diagnosticEntries(project.getPreEmitDiagnostics(), io.cwd);

  const result = codemod.run({ project, root, scope });

  const changed = project
    .getSourceFiles()
    .map((file) => ({ file: file.getFilePath(), before: before.get(file.getFilePath()) ?? '', after: file.getFullText() }))
    .filter((entry) => entry.before !== entry.after)
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  for (const entry of changed) io.stdout.write(unifiedDiff(displayPath(entry.file, io.cwd), entry.before, entry.after));

  const summary: string[] = [];
  if (changed.length > 0) summary.push('');
  summary.push(`${codemod.name}: ${changed.length === 0 ? 'nothing to change' : `${plural(changed.length, 'file')} to change`}`);
  for (const change of result.changes) summary.push(`  ${displayPath(change.file, io.cwd)}: ${change.description}`);
  if (result.skipped.length > 0) {
    summary.push(`Not changed (${result.skipped.length}):`);
    for (const site of result.skipped) summary.push(`  ${displayPath(site.file, io.cwd)}:${site.line}  ${site.reason}`);
  }
  io.stdout.write(`${summary.join('\n')}\n`);
  if (changed.length === 0) return 0;

  const introduced = newDiagnostics(diagnosticsBefore, diagnosticEntries(project.getPreEmitDiagnostics(), io.cwd));
  if (introduced.length > 0) {
    io.stdout.write(
      `\nThe change would add ${plural(introduced.length, 'TypeScript error')}, so it is ${options.write ? 'not written' : 'not safe to write'}:\n` +
        introduced.map((text) => `  ${text}`).join('\n') +
        '\n',
    );
    return 1;
  }
  if (!options.write) {
    io.stdout.write('Dry run: no TypeScript errors added. Run again with --write to apply.\n');
    return 0;
  }
  for (const entry of changed) fs.writeFileSync(entry.file, entry.after);
  io.stdout.write(`Wrote ${plural(changed.length, 'file')}.\n`);
  return 0;
}

/** The tsconfig.json (or jsconfig.json) at or above the target. */
function findTsconfig(scope: string): string {
  const dir = isDirectory(scope) ? scope : path.dirname(scope);
  const found = findUp(dir, 'tsconfig.json') ?? findUp(dir, 'jsconfig.json');
  if (found === undefined) throw new UsageError(`not a TypeScript project: no tsconfig.json or jsconfig.json at or above ${scope}`);
  return found;
}

/** The project of a tsconfig, with the files of the projects it references (a solution-style tsconfig). */
function loadProject(tsconfig: string): Project {
  let project: Project;
  try {
    project = new Project({ tsConfigFilePath: tsconfig });
  } catch (error) {
    throw new UsageError(`cannot read ${tsconfig}: ${(error as Error).message.split('\n')[0]}`);
  }
  const seen = new Set([path.resolve(tsconfig)]);
  const queue = referencedConfigs(tsconfig);
  while (queue.length > 0) {
    const reference = queue.shift()!;
    if (seen.has(reference)) continue;
    seen.add(reference);
    project.addSourceFilesFromTsConfig(reference);
    queue.push(...referencedConfigs(reference));
  }
  return project;
}

function referencedConfigs(tsconfig: string): string[] {
  const { config } = ts.readConfigFile(tsconfig, (file) => ts.sys.readFile(file)) as { config?: { references?: { path?: string }[] } };
  return (config?.references ?? [])
    .map((reference) => reference.path)
    .filter((reference): reference is string => typeof reference === 'string')
    .map((reference) => {
      const resolved = path.resolve(path.dirname(tsconfig), reference);
      return isDirectory(resolved) ? path.join(resolved, 'tsconfig.json') : resolved;
    })
    .filter((reference) => fs.existsSync(reference));
}

function diagnosticEntries(diagnostics: readonly Diagnostic[], cwd: string): DiagnosticEntry[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.getCategory() === ts.DiagnosticCategory.Error)
    .map((diagnostic) => {
      const file = diagnostic.getSourceFile();
      // The compiler's own text: ts-morph wraps a chain of messages in an object of its own.
      const message = ts.flattenDiagnosticMessageText(diagnostic.compilerObject.messageText, ' ').replace(/\s+/g, ' ');
      const where = file ? displayPath(file.getFilePath(), cwd) : '';
      const line = file ? `:${diagnostic.getLineNumber() ?? 0}` : '';
      return {
        key: `${where}\u0000${diagnostic.getCode()}\u0000${message}`,
        text: `${where}${line}  TS${diagnostic.getCode()}: ${message}`,
      };
    });
}

/** Errors after the change that were not there before, counting repeats (the same error twice is one new). */
function newDiagnostics(before: readonly DiagnosticEntry[], after: readonly DiagnosticEntry[]): string[] {
  const remaining = new Map<string, number>();
  for (const entry of before) remaining.set(entry.key, (remaining.get(entry.key) ?? 0) + 1);
  const introduced: string[] = [];
  for (const entry of after) {
    const count = remaining.get(entry.key) ?? 0;
    if (count > 0) remaining.set(entry.key, count - 1);
    else introduced.push(entry.text);
  }
  return introduced;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
