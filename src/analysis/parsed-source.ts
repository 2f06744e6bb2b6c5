import path from 'node:path';

import { analyze } from '@typescript-eslint/scope-manager';
import { parse } from '@typescript-eslint/typescript-estree';
import { TSESLint } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

import { setParents } from './project-index';

/**
 * Another file's source as ESLint would give it to a rule: its tree with parents set and its
 * scopes, so the recognisers written for the linted file (scope lookups, `const` values, imports)
 * read the other file the same way. Tokens and comments are left out: the recognisers do not read
 * them, and producing them doubles the parse time. Undefined when the file does not parse.
 */
export function parseSourceCode(file: string, text: string): TSESLint.SourceCode | undefined {
  const extension = path.extname(file);
  try {
    const ast = parse(text, {
      filePath: file,
      jsx: !/^\.[cm]?ts$/.test(extension),
      range: true,
      loc: true,
      tokens: false,
      comment: false,
      errorOnUnknownASTType: false,
      jsDocParsingMode: 'none',
      suppressDeprecatedPropertyWarnings: true,
    });
    setParents(ast);
    const scopeManager = analyze(ast, { sourceType: 'module' });
    const program: TSESLint.SourceCode.Program = Object.assign(ast, { tokens: [], comments: [] });
    // The keys' type allows missing entries; ESLint's own keys are read the same way.
    const keys = visitorKeys as TSESLint.SourceCode.VisitorKeys;
    return new TSESLint.SourceCode({ text, ast: program, scopeManager, visitorKeys: keys, parserServices: null });
  } catch {
    return undefined;
  }
}
