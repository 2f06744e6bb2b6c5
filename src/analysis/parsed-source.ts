import path from 'node:path';

import { analyze } from '@typescript-eslint/scope-manager';
import { parse } from '@typescript-eslint/typescript-estree';
import { TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/**
 * Another file's tree, parsed without a program: ranges and line/column locations, no tokens or
 * comments (the recognisers do not read them, and producing them doubles the parse time), parents
 * set. Undefined when the file does not parse. Leaving locations out costs more than keeping them:
 * the parser computes them anyway and then deletes them in a second pass over the tree, which also
 * leaves every node a slower object to read.
 */
export function parseTree(file: string, text: string, { locations = true } = {}): TSESTree.Program | undefined {
  try {
    const program = parse(text, {
      filePath: file,
      jsx: !/^\.[cm]?ts$/.test(path.extname(file)),
      range: true,
      loc: locations,
      tokens: false,
      comment: false,
      errorOnUnknownASTType: false,
      jsDocParsingMode: 'none',
      suppressDeprecatedPropertyWarnings: true,
    });
    setParents(program);
    return program;
  } catch {
    return undefined;
  }
}

/**
 * Another file's source as ESLint would give it to a rule: its tree with parents set and its
 * scopes, so the recognisers written for the linted file (scope lookups, `const` values, imports)
 * read the other file the same way. Undefined when the file does not parse.
 */
export function parseSourceCode(file: string, text: string): TSESLint.SourceCode | undefined {
  const ast = parseTree(file, text, { locations: true });
  if (!ast) return undefined;
  try {
    const scopeManager = analyze(ast, { sourceType: 'module' });
    const program: TSESLint.SourceCode.Program = Object.assign(ast, { tokens: [], comments: [] });
    // The keys' type allows missing entries; ESLint's own keys are read the same way.
    const keys = visitorKeys as TSESLint.SourceCode.VisitorKeys;
    return new TSESLint.SourceCode({ text, ast: program, scopeManager, visitorKeys: keys, parserServices: null });
  } catch {
    return undefined;
  }
}

/** `parse` leaves `parent` unset; the recognisers walk up from a node, as they do on ESLint's tree. */
function setParents(program: TSESTree.Program): void {
  const stack: TSESTree.Node[] = [program];
  const adopt = (item: unknown, parent: TSESTree.Node) => {
    if (typeof item === 'object' && item !== null && typeof (item as { type?: unknown }).type === 'string') {
      (item as { parent: TSESTree.Node }).parent = parent;
      stack.push(item as TSESTree.Node);
    }
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      // No array per single child: this runs for every node of every parsed file.
      if (Array.isArray(child)) for (const item of child) adopt(item, node);
      else adopt(child, node);
    }
  }
}
