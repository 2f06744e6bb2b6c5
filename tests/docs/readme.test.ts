// The README's resource catalog table and settings defaults are written by hand; these tests keep
// them equal to the catalog data and the settings defaults, so the README never promises a package
// or a method the rules do not know, nor leaves one out.
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { builtinResources } from '../../src/analysis/catalog-data';
import { defaultGlobalSetupFiles, defaultTestFiles } from '../../src/analysis/settings';

const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`README has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

/** The code spans of a table cell: "`pg`, `pg-pool`" → ['pg', 'pg-pool']. */
const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);

interface CatalogRow {
  name: string;
  packages: string[];
  open: string[];
  release: string[];
  syncRelease: string[];
}

function catalogRows(): CatalogRow[] {
  const rows = section('Resource catalog')
    .split('\n')
    .filter((line) => line.startsWith('| `'));
  return rows.map((line) => {
    const [packages = '', name = '', , open = '', release = '', syncRelease = ''] = line.split('|').slice(1, -1);
    return {
      name: name.trim(),
      packages: codeSpans(packages),
      open: codeSpans(open),
      release: codeSpans(release),
      syncRelease: codeSpans(syncRelease),
    };
  });
}

describe('README: Resource catalog', () => {
  it('has one row per built-in resource, with its packages and methods', () => {
    expect(catalogRows()).toEqual(
      builtinResources.map((spec) => ({
        name: spec.name,
        packages: spec.packages,
        open: spec.open ?? [],
        release: spec.release ?? [],
        syncRelease: spec.syncRelease ?? [],
      })),
    );
  });
});

describe('README: Settings', () => {
  it('lists every default test-file and global-setup glob', () => {
    const settings = section('Settings');
    for (const glob of [...defaultTestFiles, ...defaultGlobalSetupFiles]) {
      expect(settings).toContain(`\`${glob}\``);
    }
  });
});
