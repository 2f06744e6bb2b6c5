import * as parser from '@typescript-eslint/parser';
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { type FileSessions, defaultSessionNamePattern, getFileSessions } from '../../analysis/sessions';
import { walk } from '../../analysis/traverse';
import { AST_NODE_TYPES } from '../../util/node-types';

/** What a read needs: the file's session recognition, and its calls by text range. */
export interface SessionReader {
  sessions: FileSessions;
  /** The `new C(…)` or `f(…)` that spans exactly `[start, end)` of the file's text. */
  callAt(start: number, end: number): TSESTree.NewExpression | TSESTree.CallExpression | undefined;
}

const ruleName = 'read-sessions';

/**
 * Reads a file with the plugin's session recognition, the one `no-uninjected-session` reports with
 * (and with its default options), inside a lint run of one internal rule: the recognition needs
 * what ESLint gives a rule (the parsed file, its scopes, the settings, the working directory).
 * Undefined when the file does not parse or the read throws.
 */
export function readSessions<T>(file: string, text: string, cwd: string, read: (reader: SessionReader) => T): T | undefined {
  let result: T | undefined;
  const rule: TSESLint.RuleModule<'unused'> = {
    meta: { type: 'problem', messages: { unused: '' }, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        'Program:exit'(program) {
          const sessions = getFileSessions(context, { sessionTypes: [], sessionNamePattern: defaultSessionNamePattern });
          let calls: Map<string, TSESTree.NewExpression | TSESTree.CallExpression> | undefined;
          const callAt = (start: number, end: number) => {
            if (!calls) {
              const found = new Map<string, TSESTree.NewExpression | TSESTree.CallExpression>();
              walk(program, (node) => {
                if (node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) found.set(`${node.range[0]}:${node.range[1]}`, node);
              });
              calls = found;
            }
            return calls.get(`${start}:${end}`);
          };
          result = read({ sessions, callAt });
        },
      };
    },
  };
  const config = {
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    languageOptions: { parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { 'test-isolation-fix': { rules: { [ruleName]: rule } } },
    rules: { [`test-isolation-fix/${ruleName}`]: 'error' },
  };
  try {
    new Linter({ cwd, configType: 'flat' }).verify(text, [config] as unknown as Linter.Config[], { filename: file });
  } catch {
    return undefined;
  }
  return result;
}
