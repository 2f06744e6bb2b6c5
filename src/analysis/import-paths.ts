import path from 'node:path';

import type { ResourceCatalog } from './catalog';
import { type BuildOutput, type Resolution, compiledExtensions } from './module-resolution';
import type { Project } from './project-index';

/** Where an import of a project module leads, and how it strays from the module's one canonical path. */
export interface ImportPath {
  resolution: Resolution;
  /** Only a case-insensitive match exists; `corrected` is the specifier spelled as the disk does, when the written part can be rewritten. */
  caseMismatch?: { corrected: string | undefined };
  /** The module is compiled output whose source twin is in the project; `specifier` imports the source, in the original's style. */
  buildOutput?: { output: BuildOutput; specifier: string };
}

/**
 * Resolves a project import and tells whether it reaches its module through another letter case
 * or through a build output folder; undefined when it is not a project import or does not resolve.
 * An import by the package's own name that reaches the build is left alone unless the source is
 * imported too: a test may deliberately check the published build.
 */
export function importPathOf(project: Project, fromFile: string, specifier: string, catalog: ResourceCatalog): ImportPath | undefined {
  if (!project.resolver.isProjectSpecifier(specifier)) return undefined;
  const resolution = project.resolve(fromFile, specifier);
  if (!resolution) return undefined;
  if (!resolution.exact) return { resolution, caseMismatch: { corrected: resolution.correctedSpecifier } };
  const output = project.buildOutputOf(resolution.path);
  if (!output) return { resolution };
  if (resolution.via === 'self' && project.importersOf(output.source, catalog).every((ref) => ref.file === fromFile)) return { resolution };
  return { resolution, buildOutput: { output, specifier: sourceSpecifier(fromFile, output.source, specifier) } };
}

/** How a specifier ends: with a runtime extension (`./user.js`), a TypeScript one (`./user.ts`), or none (`./user`). */
export type SpecifierStyle = 'runtime' | 'source' | 'none';

export function specifierStyle(specifier: string): SpecifierStyle {
  const ext = path.extname(specifier.split(/[?#]/, 1)[0]!);
  if (['.js', '.mjs', '.cjs', '.jsx'].includes(ext)) return 'runtime';
  if (['.ts', '.tsx', '.mts', '.cts'].includes(ext)) return 'source';
  return 'none';
}

/** The style a file's relative specifiers agree on; undefined when they differ or there are none. */
export function sharedStyle(specifiers: readonly string[]): SpecifierStyle | undefined {
  const styles = new Set(specifiers.filter((specifier) => specifier.startsWith('.')).map(specifierStyle));
  return styles.size === 1 ? [...styles][0] : undefined;
}

/**
 * A relative specifier for the source twin, in the style of the original unless another is asked
 * for: with `.js` (or the source's own extension) when it had one, without `/index` for a folder.
 */
export function sourceSpecifier(fromFile: string, source: string, original: string, style: SpecifierStyle = specifierStyle(original)): string {
  let relative = path.relative(path.dirname(fromFile), source).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const ext = path.extname(source);
  const stem = relative.slice(0, relative.length - ext.length);
  if (style === 'runtime') {
    return stem + (compiledExtensions[ext] ?? ext);
  }
  if (style === 'source') return stem + ext;
  const lastWritten = original.replace(/\/+$/, '').split('/').at(-1) ?? '';
  if (path.basename(stem) === 'index' && lastWritten !== 'index') return stem.slice(0, -'/index'.length) || '.';
  return stem;
}
