import type { SourceFile } from 'ts-morph';

import { isDeclarationFile } from '../../analysis/module-resolution';
import { type ResolvedSettings, resolveSettings } from '../../analysis/settings';
import { frameworkOfModule } from '../../analysis/test-framework';
import type { CodemodContext } from './codemod';

const scriptExtensions = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** The files a codemod reads and edits, and which of them are test code. */
export interface ProjectFiles {
  settings: ResolvedSettings;
  /** The project's scripts: no declaration files, nothing under node_modules. */
  sourceFiles: SourceFile[];
  /** Test code: by the plugin's test-file globs (from the project root), or because it imports a test framework. */
  isTestFile: (file: SourceFile) => boolean;
}

/** The project's scripts, with the plugin's default settings (the codemods read no ESLint config). */
export function projectFiles(context: CodemodContext): ProjectFiles {
  const settings = resolveSettings(undefined);
  const sourceFiles = context.project
    .getSourceFiles()
    .filter((file) => scriptExtensions.test(file.getFilePath()) && !isDeclarationFile(file.getFilePath()))
    .filter((file) => !file.getFilePath().split('/').includes('node_modules'));
  const isTestFile = (file: SourceFile) =>
    settings.isTestFile(file.getFilePath(), context.root) ||
    file.getImportDeclarations().some((declaration) => frameworkOfModule(declaration.getModuleSpecifierValue()) !== undefined);
  return { settings, sourceFiles, isTestFile };
}

export { isWithin as isInside } from '../../analysis/module-resolution';

export function byFile<T extends { file: string }>(a: T, b: T): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}
