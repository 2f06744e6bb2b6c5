import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/** `ts.SymbolFlags.Alias`, read without loading TypeScript at run time. */
const ALIAS_FLAG = 2_097_152;

/** Where an identifier's value is declared, following imports, aliases and re-exports through the type checker. */
export type DeclarationOrigin = (identifier: TSESTree.Identifier) => { file: string; name: string } | undefined;

/**
 * The checker-backed answer for rules whose `typeAware` option is on. Throws typescript-eslint's
 * own error, which explains how to configure `parserOptions.projectService`, without a program.
 */
export function getDeclarationOrigin(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): DeclarationOrigin {
  const services = ESLintUtils.getParserServices(context);
  const checker = services.program.getTypeChecker();
  return (identifier) => {
    const tsNode = services.esTreeNodeToTSNodeMap.get(identifier);
    let symbol = tsNode ? checker.getSymbolAtLocation(tsNode) : undefined;
    if (symbol && (symbol.flags & ALIAS_FLAG) !== 0) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration) return undefined;
    return { file: declaration.getSourceFile().fileName, name: symbol.getName() };
  };
}
