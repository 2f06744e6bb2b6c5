import type { ImportDeclaration, SourceFile } from 'ts-morph';

import { sharedStyle, sourceSpecifier, specifierStyle } from '../../analysis/import-paths';
import { type TextEdit, lineIndent, namedImportEdits } from './text-edits';

/** A binding another module exports, to be made available in a file under a given local name. */
export interface ImportedName {
  /** The module: a project file, or a package specifier as the original import wrote it. */
  module: { file: SourceFile } | { specifier: string };
  binding: 'named' | 'default' | 'namespace';
  /** For a named binding, the exported name when it differs from the local one. */
  imported?: string;
  local: string;
  /** A specifier written the way the project writes it, for the extension style of a new relative one. */
  styleExample: string;
}

/**
 * Collects the names a file needs from other modules and turns them into one edit per module:
 * added to the file's value import of that module when it has named imports, else a new import
 * declaration in sorted position.
 */
export class ImportPlanner {
  private readonly needed: ImportedName[] = [];

  constructor(private readonly file: SourceFile) {}

  add(name: ImportedName): void {
    if (!this.needed.some((other) => other.local === name.local)) this.needed.push(name);
  }

  edits(): TextEdit[] {
    const edits: TextEdit[] = [];
    const byModule = new Map<string, ImportedName[]>();
    for (const name of this.needed) {
      const key = 'file' in name.module ? name.module.file.getFilePath() : name.module.specifier;
      byModule.set(key, [...(byModule.get(key) ?? []), name]);
    }
    const declarations = this.file.getImportDeclarations();
    const quote = declarations[0]?.getModuleSpecifier().getText()[0] ?? "'";
    const semicolon = declarations.length === 0 || declarations.some((declaration) => declaration.getText().endsWith(';')) ? ';' : '';
    for (const names of byModule.values()) {
      const specifier = this.specifierFor(names[0]!);
      const added: string[] = [];
      const named = names.filter((name) => name.binding === 'named').map(namedText);
      const existing = named.length > 0 ? declarations.find((declaration) => this.importsModule(declaration, names[0]!)) : undefined;
      if (existing) edits.push(...namedImportEdits(existing, named));
      else if (named.length > 0) added.push(`import { ${named.sort().join(', ')} } from ${quote}${specifier}${quote}${semicolon}`);
      for (const name of names) {
        if (name.binding === 'default') added.push(`import ${name.local} from ${quote}${specifier}${quote}${semicolon}`);
        if (name.binding === 'namespace') added.push(`import * as ${name.local} from ${quote}${specifier}${quote}${semicolon}`);
      }
      if (added.length > 0) edits.push(this.insertion(specifier, added));
    }
    return edits;
  }

  /**
   * New import declarations where a sorted import list would have them: before the first import of
   * the same kind (relative or package) whose specifier sorts after theirs, else after the last of
   * that kind, else after the last import.
   */
  private insertion(specifier: string, declarationsText: string[]): TextEdit {
    const declarations = this.file.getImportDeclarations();
    if (declarations.length === 0) return { start: 0, end: 0, text: `${declarationsText.join('\n')}\n\n` };
    const relative = (value: string) => value.startsWith('.');
    const sameKind = declarations.filter((declaration) => relative(declaration.getModuleSpecifierValue()) === relative(specifier));
    const next = sameKind.find((declaration) => declaration.getModuleSpecifierValue().localeCompare(specifier) > 0);
    if (next) {
      const indent = lineIndent(this.file.getFullText(), next.getStart());
      return { start: next.getStart(), end: next.getStart(), text: declarationsText.map((text) => `${text}\n${indent}`).join('') };
    }
    const after = sameKind.at(-1) ?? declarations.at(-1)!;
    const indent = lineIndent(this.file.getFullText(), after.getStart());
    return { start: after.getEnd(), end: after.getEnd(), text: declarationsText.map((text) => `\n${indent}${text}`).join('') };
  }

  private specifierFor(name: ImportedName): string {
    if ('specifier' in name.module) return name.module.specifier;
    // The file's own relative imports show its style (`.js` or none); else the project's.
    const style = sharedStyle(this.file.getImportDeclarations().map((declaration) => declaration.getModuleSpecifierValue()));
    return sourceSpecifier(this.file.getFilePath(), name.module.file.getFilePath(), '', style ?? specifierStyle(name.styleExample));
  }

  /** A value import of the module with named imports (and no namespace import) to add names to. */
  private importsModule(declaration: ImportDeclaration, name: ImportedName): boolean {
    if (declaration.isTypeOnly() || declaration.getNamespaceImport() || declaration.getNamedImports().length === 0) return false;
    if ('specifier' in name.module) return declaration.getModuleSpecifierValue() === name.module.specifier;
    return declaration.getModuleSpecifierSourceFile() === name.module.file;
  }
}

function namedText(name: ImportedName): string {
  return name.imported === undefined || name.imported === name.local ? name.local : `${name.imported} as ${name.local}`;
}

/**
 * Removes an import binding that nothing uses any more: the whole declaration when it was its
 * only binding (with a blank line it leaves doubled), else the specifier and its comma.
 */
export function removeImportBinding(declaration: ImportDeclaration, local: string): TextEdit[] | undefined {
  const named = declaration.getNamedImports();
  const bindings = named.length + (declaration.getDefaultImport() ? 1 : 0) + (declaration.getNamespaceImport() ? 1 : 0);
  if (bindings === 1) {
    const text = declaration.getSourceFile().getFullText();
    const start = text.lastIndexOf('\n', declaration.getStart() - 1) + 1;
    let end = declaration.getEnd();
    if (text[end] === '\n') end++;
    if (text.slice(0, start).endsWith('\n\n') && text[end] === '\n') end++;
    return [{ start, end, text: '' }];
  }
  const index = named.findIndex((specifier) => (specifier.getAliasNode() ?? specifier.getNameNode()).getText() === local);
  const specifier = named[index];
  if (!specifier) return undefined;
  const next = named[index + 1];
  if (next) return [{ start: specifier.getStart(), end: next.getStart(), text: '' }];
  const previous = named[index - 1];
  if (previous) return [{ start: previous.getEnd(), end: specifier.getEnd(), text: '' }];
  return undefined;
}
