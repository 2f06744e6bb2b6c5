import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { ModuleScope } from '../../src/analysis/module-scope';
import { parseTree } from '../../src/analysis/parsed-source';
import { walk } from '../../src/analysis/traverse';

/** The scope of `text` and the identifiers named `name` in it, in source order. */
function parsed(text: string, name: string): { scope: ModuleScope; uses: TSESTree.Identifier[] } {
  const program = parseTree('file.ts', text)!;
  const uses: TSESTree.Identifier[] = [];
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier && node.name === name) uses.push(node);
  });
  return { scope: new ModuleScope(program, text), uses };
}

describe('ModuleScope.resolve', () => {
  it('resolves an import used at module level and inside functions', () => {
    const { scope, uses } = parsed(`import { model } from 'mongoose';\nexport function f() { return model('User'); }`, 'model');
    expect(scope.importOf(uses.at(-1)!)).toEqual({ module: 'mongoose', exportName: 'model' });
  });

  it('prefers a declaration in a switch case, which every case of the switch sees', () => {
    const { scope, uses } = parsed(
      `import { model } from 'mongoose';\nexport function f(kind: string) {\n  switch (kind) {\n    case 'a': const model = () => 1; return 0;\n    default: return model();\n  }\n}`,
      'model',
    );
    expect(scope.importOf(uses.at(-1)!)).toBeUndefined();
    expect(scope.resolve(uses.at(-1)!)).toMatchObject({ kind: 'variable', constant: true, module: false });
  });

  it('prefers a declaration in a namespace body', () => {
    const { scope, uses } = parsed(`import { model } from 'mongoose';\nnamespace N {\n  const model = () => 1;\n  export const x = model();\n}`, 'model');
    expect(scope.importOf(uses.at(-1)!)).toBeUndefined();
  });

  it('treats parameters, catch bindings and loop variables as opaque', () => {
    const { scope, uses } = parsed(
      `import { model } from 'mongoose';\nexport const a = (model: unknown) => model;\ntry {} catch (model) { void model; }\nfor (const model of []) void model;`,
      'model',
    );
    // after the import specifier's own two identifiers
    const resolved = uses.slice(2).map((use) => scope.resolve(use)?.kind);
    expect(resolved).toEqual(['opaque', 'opaque', 'opaque', 'opaque', 'opaque', 'opaque']);
  });
});
