import * as tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { type Rule, Linter } from 'eslint';

import { type TestCall, getFileTestInfo } from '../../src/analysis/test-framework';
import { walk } from '../../src/analysis/traverse';

export type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export interface InspectOptions {
  /** Relative to `cwd`; decides whether the file is test code by the test-file globs. */
  filename?: string;
  cwd?: string;
  settings?: Record<string, unknown>;
}

/**
 * Lints `code` with the TypeScript parser and a one-off rule that hands its context to `probe` when
 * the linter reaches `Program`, so recognition modules run against a real ESLint context.
 */
export function inspect<T>(code: string, options: InspectOptions, probe: (context: Context, program: TSESTree.Program) => T): T {
  let answer: { value: T } | undefined;
  const rule: Rule.RuleModule = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      return {
        Program(program) {
          answer = { value: probe(context as unknown as Context, program as unknown as TSESTree.Program) };
        },
      };
    },
  };
  const linter = new Linter({ cwd: options.cwd ?? '/project' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
        languageOptions: { parser: tsParser },
        plugins: { probe: { rules: { inspect: rule } } },
        rules: { 'probe/inspect': 'error' },
        settings: options.settings ?? {},
      },
    ],
    { filename: options.filename ?? 'src/example.test.ts' },
  );
  // A parse error or "no matching configuration" would otherwise leave the probe silently unrun.
  const problem = messages.find((message) => message.fatal || message.ruleId === null);
  if (problem) throw new Error(problem.message);
  if (!answer) throw new Error('the probe rule did not run');
  return answer.value;
}

/** Every call expression of a program, in source order (an outer call before the calls in its callee). */
export function callsOf(program: TSESTree.Program): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
  });
  return calls;
}

/** One parsed call, with its callee's source text to find it by. */
export interface ParsedCall {
  callee: string;
  call: TSESTree.CallExpression;
  parsed: TestCall | undefined;
}

/** What the test-framework parser says about every call in `code`. */
export function parseCalls(code: string, options: InspectOptions = {}): ParsedCall[] {
  return inspect(code, options, (context, program) => {
    const info = getFileTestInfo(context);
    return callsOf(program).map((call) => ({
      callee: context.sourceCode.getText(call.callee),
      call,
      parsed: info.parseCall(call),
    }));
  });
}

/** The `index`-th call whose callee reads `callee`; throws when there is none, so a typo cannot pass silently. */
export function callNamed(calls: readonly ParsedCall[], callee: string, index = 0): ParsedCall {
  const found = calls.filter((call) => call.callee === callee)[index];
  if (!found) throw new Error(`no call #${index} to \`${callee}\` among: ${calls.map((c) => c.callee).join(', ')}`);
  return found;
}

/** Short form of a parse for assertions: `kind`, `framework`, `hook`, `modifiers`. */
export function summary(parsed: TestCall | undefined): Pick<TestCall, 'kind' | 'framework' | 'hook' | 'modifiers'> | undefined {
  if (!parsed) return undefined;
  const { kind, framework, hook, modifiers } = parsed;
  return hook === undefined ? { kind, framework, modifiers } : { kind, framework, hook, modifiers };
}

/** The source text of a node, for assertions on which function or value was found. */
export function textOf(code: string, node: TSESTree.Node | undefined): string | undefined {
  return node ? code.slice(node.range[0], node.range[1]) : undefined;
}
