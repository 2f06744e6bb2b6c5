import path from 'node:path';

import { Node, type SourceFile, type StringLiteral, SyntaxKind, type NoSubstitutionTemplateLiteral, type TemplateExpression } from 'ts-morph';

import { importPathOf, sharedStyle, sourceSpecifier } from '../../analysis/import-paths';
import { buildFolderNames } from '../../analysis/module-resolution';
import { type Project, getProjectIndex } from '../../analysis/project-index';
import { modulePathMethods } from '../../analysis/test-framework';
import type { Codemod, CodemodContext, CodemodResult } from './codemod';
import { byFile, isInside, projectFiles } from './project-files';
import { FileEdits, type TextEdit } from './text-edits';

type SpecifierNode = StringLiteral | NoSubstitutionTemplateLiteral;

/**
 * Every import of a project module reached through a build output folder (`../dist/user.js`, the
 * tsconfig `outDir`) while its source is in the project, or through a path spelled in another
 * letter case (`./models/User` for `user.ts`), is rewritten to the module's source path: static
 * imports, `export … from`, `import x = require()`, `require()`, `import()`, import types and the
 * module paths of `vi.mock`/`jest.mock` and friends. These are the imports `no-entity-double-load`
 * reports, found by the same resolution; the new specifier follows the style of the file's other
 * relative imports (`.js` or no extension), or of the old one when they do not agree.
 */
export const canonicalImports: Codemod = {
  name: 'canonical-imports',
  run(context: CodemodContext): CodemodResult {
    const result: CodemodResult = { changes: [], skipped: [] };
    const { settings, sourceFiles } = projectFiles(context);
    const edits = new FileEdits();
    for (const file of sourceFiles) {
      const fileName = file.getFilePath();
      if (!isInside(fileName, context.scope)) continue;
      const project = getProjectIndex().projectFor(fileName);
      // Compiled output is rebuilt from its source, not edited.
      if (!project || project.buildOutputOf(fileName)) continue;
      const shown = (target: string) => path.relative(context.root, target).split(path.sep).join('/');
      const fileEdits: TextEdit[] = [];
      const sites = specifierNodes(file).map((node) => ({
        node,
        path: Node.isTemplateExpression(node) ? undefined : importPathOf(project, fileName, node.getLiteralValue(), settings.catalog),
      }));
      // The file's own style (`.js` or none), from the imports that stay; the rewritten one's otherwise.
      const style = sharedStyle(
        sites.filter((site) => site.path && !site.path.buildOutput).map((site) => (site.node as SpecifierNode).getLiteralValue()),
      );
      for (const { node, path: found } of sites) {
        if (Node.isTemplateExpression(node)) {
          const reason = runtimePathReason(node, project, fileName);
          if (reason) result.skipped.push({ file: fileName, line: node.getStartLineNumber(), reason });
          continue;
        }
        const specifier = node.getLiteralValue();
        let replacement: string | undefined;
        let why: string;
        if (found?.caseMismatch) {
          if (found.caseMismatch.corrected === undefined) {
            result.skipped.push({
              file: fileName,
              line: node.getStartLineNumber(),
              reason: `'${specifier}' matches ${shown(found.resolution.path)} only when letter case is ignored; spell it as the file system does by hand`,
            });
            continue;
          }
          replacement = found.caseMismatch.corrected;
          why = `the file is ${shown(found.resolution.path)}`;
        } else if (found?.buildOutput) {
          const { source } = found.buildOutput.output;
          replacement = style === undefined ? found.buildOutput.specifier : sourceSpecifier(fileName, source, specifier, style);
          why = `${shown(found.resolution.path)} is built from ${shown(source)}`;
        } else {
          continue;
        }
        fileEdits.push({ start: node.getStart(), end: node.getEnd(), text: quoted(node, replacement) });
        result.changes.push({ file: fileName, description: `line ${node.getStartLineNumber()}: '${specifier}' → '${replacement}' (${why})` });
      }
      edits.add(file, fileEdits);
    }
    edits.apply();
    result.changes.sort(byFile);
    return result;
  },
};

/** The module paths a file names, in source order; a template literal with substitutions is a path built at run time. */
function specifierNodes(file: SourceFile): (SpecifierNode | TemplateExpression)[] {
  const found: (SpecifierNode | TemplateExpression)[] = [];
  const add = (node: Node | undefined) => {
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) || Node.isTemplateExpression(node)) found.push(node);
  };
  for (const statement of file.getStatements()) {
    if (Node.isImportDeclaration(statement) || Node.isExportDeclaration(statement)) add(statement.getModuleSpecifier());
    if (Node.isImportEqualsDeclaration(statement)) {
      const reference = statement.getModuleReference();
      if (Node.isExternalModuleReference(reference)) add(reference.getExpression());
    }
  }
  file.forEachDescendant((node) => {
    if (Node.isImportTypeNode(node)) {
      const argument = node.getArgument();
      if (Node.isLiteralTypeNode(argument)) add(argument.getLiteral());
      return;
    }
    if (!Node.isCallExpression(node)) return;
    const first = node.getArguments()[0];
    if (first && isModuleCall(node.getExpression())) add(first);
  });
  return found.sort((a, b) => a.getStart() - b.getStart());
}

/** `import(…)`, `require(…)`, `vi.mock(…)`, `jest.requireActual(…)`. */
function isModuleCall(callee: Node): boolean {
  if (callee.getKind() === SyntaxKind.ImportKeyword) return true;
  if (Node.isIdentifier(callee)) return callee.getText() === 'require';
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const object = callee.getExpression();
  const objectName = Node.isIdentifier(object) ? object.getText() : undefined;
  if (objectName === undefined || !Object.hasOwn(modulePathMethods, objectName)) return false;
  const { mocks, other } = modulePathMethods[objectName]!;
  const method = callee.getName();
  return mocks.includes(method) || other.includes(method);
}

/**
 * A path built at run time (`import(\`../dist/models/${name}.js\`)`) cannot be rewritten; it is
 * reported when its fixed start is relative and passes through a folder that looks like build output.
 */
function runtimePathReason(node: TemplateExpression, project: Project, fileName: string): string | undefined {
  const head = node.getHead().getLiteralText();
  if (!head.startsWith('.')) return undefined;
  const folders = head.split('/').slice(0, -1);
  const outDir = project.tsconfig?.outDir;
  const throughBuild =
    folders.some((folder) => buildFolderNames.has(folder)) ||
    (outDir !== undefined && isInside(path.resolve(path.dirname(fileName), folders.join('/')), outDir));
  if (!throughBuild) return undefined;
  return `builds the module path ${node.getText().slice(1, -1)} at run time, through a build folder; point it at the sources by hand`;
}

/** The new specifier in the old literal's quotes. */
function quoted(node: SpecifierNode, text: string): string {
  const quote = node.getText()[0]!;
  const escaped = text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
  return `${quote}${quote === '`' ? escaped.replaceAll('${', '\\${') : escaped}${quote}`;
}
