// The README's resource catalog table and settings defaults are written by hand; these tests keep
// them equal to the catalog data and the settings defaults, so the README never promises a package
// or a method the rules do not know, nor leaves one out.
import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { builtinResources } from '../../src/analysis/catalog-data';
import { defaultGlobalSetupFiles, defaultTestFiles } from '../../src/analysis/settings';
import { renderCatalogTable } from '../../src/docs/catalog-table';

const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`README has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('README: Resource catalog', () => {
  it('has the table rendered from the catalog data (npm run docs writes it)', () => {
    const table = section('Resource catalog').split('<!-- begin catalog table -->\n')[1]?.split('\n<!-- end catalog table -->')[0];
    expect(table).toBe(renderCatalogTable(builtinResources));
  });

  it('has one row per built-in resource', () => {
    const rows = section('Resource catalog').split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => row.split('|')[2]?.trim())).toEqual(builtinResources.map((spec) => spec.name));
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
