// Writes the README's resource catalog table from the built catalog data (`npm run docs`).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { builtinResources } = require('../dist/analysis/catalog-data.js');
const { renderCatalogTable } = require('../dist/docs/catalog-table.js');

const begin = '<!-- begin catalog table -->';
const end = '<!-- end catalog table -->';
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf(begin);
const stop = readme.indexOf(end);
if (start === -1 || stop === -1) throw new Error(`README.md needs ${begin} and ${end} markers`);
writeFileSync('README.md', `${readme.slice(0, start + begin.length)}\n${renderCatalogTable(builtinResources)}\n${readme.slice(stop)}`);
