import type { ImportDeclaration, SourceFile } from 'ts-morph';

/** A replacement of `[start, end)` of the original text; an insertion when both are equal. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Edits planned on the original text of each file and applied together, so that no edit
 * invalidates the positions (or the ts-morph nodes) another one was planned with.
 */
export class FileEdits {
  private readonly byFile = new Map<SourceFile, TextEdit[]>();

  add(file: SourceFile, edits: readonly TextEdit[]): void {
    const list = this.byFile.get(file) ?? [];
    for (const edit of edits) {
      // Two changes may plan the same edit (one hook import, one added import): make it once.
      if (!list.some((other) => other.start === edit.start && other.end === edit.end && other.text === edit.text)) list.push(edit);
    }
    this.byFile.set(file, list);
  }

  apply(): void {
    for (const [file, edits] of this.byFile) {
      let text = file.getFullText();
      // From the end, so earlier positions stay valid; insertions at one position keep their order.
      const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.start - a.edit.start || b.index - a.index);
      for (const { edit } of ordered) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      file.replaceWithText(text);
    }
  }
}

/** The file's indentation unit, from its first indented line; two spaces when it has none. */
export function indentOf(file: SourceFile): string {
  return /\n([ \t]+)\S/.exec(file.getFullText())?.[1] ?? '  ';
}

export function lineIndent(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Adds names to a named import, each before the first existing name that sorts after it. */
export function namedImportEdits(declaration: ImportDeclaration, names: readonly string[]): TextEdit[] {
  const specifiers = declaration.getNamedImports();
  const existing = new Set(specifiers.map((specifier) => specifier.getName()));
  const edits: TextEdit[] = [];
  for (const name of [...names].sort()) {
    if (existing.has(name)) continue;
    const next = specifiers.find((specifier) => specifier.getName().localeCompare(name) > 0);
    if (next) edits.push({ start: next.getStart(), end: next.getStart(), text: `${name}, ` });
    else edits.push({ start: specifiers.at(-1)!.getEnd(), end: specifiers.at(-1)!.getEnd(), text: `, ${name}` });
  }
  return edits;
}

export function isTypeScriptFile(file: SourceFile): boolean {
  return /\.[cm]?tsx?$/.test(file.getFilePath());
}
