import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { type Rule, Linter } from 'eslint';

import { walk } from '../../src/analysis/traverse';

export type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Writes `files` (relative path → text) into a fresh temporary folder and returns its real path. */
export function makeTree(files: Record<string, string>, prefix = 'test-isolation-'): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

/** Sets a file's modification time a little later, so an edit is seen even on a coarse clock. */
export function touchLater(file: string, seconds = 2): void {
  const stat = fs.statSync(file);
  const time = new Date(stat.mtimeMs + seconds * 1000);
  fs.utimesSync(file, time, time);
}

export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/**
 * Lints `code` as the file `filename` (absolute) with the TypeScript parser and hands the rule
 * context and program to `probe` at `Program`, so recognisers run against a real ESLint context.
 */
export function probeFile<T>(
  code: string,
  filename: string,
  probe: (context: Context, program: TSESTree.Program) => T,
  settings: Record<string, unknown> = {},
): T {
  let answer: { value: T } | undefined;
  let failure: unknown;
  const rule: Rule.RuleModule = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      return {
        Program(program) {
          try {
            answer = { value: probe(context as unknown as Context, program as unknown as TSESTree.Program) };
          } catch (error) {
            failure = error;
          }
        },
      };
    },
  };
  const linter = new Linter({ cwd: path.dirname(filename) });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
        languageOptions: { parser: tsParser },
        plugins: { probe: { rules: { inspect: rule } } },
        rules: { 'probe/inspect': 'error' },
        settings,
      },
    ],
    { filename },
  );
  if (failure instanceof Error) throw failure;
  const problem = messages.find((message) => message.fatal || message.ruleId === null);
  if (problem) throw new Error(problem.message);
  if (!answer) throw new Error('the probe rule did not run');
  return answer.value;
}

/** Every call expression of a program whose source text starts with `prefix`. */
export function callsStartingWith(program: TSESTree.Program, code: string, prefix: string): TSESTree.CallExpression[] {
  const found: TSESTree.CallExpression[] = [];
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && code.slice(node.range[0], node.range[1]).startsWith(prefix)) found.push(node);
  });
  return found;
}
