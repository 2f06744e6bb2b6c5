import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { getCatalog } from '../../src/analysis/catalog';
import { ProjectIndex } from '../../src/analysis/project-index';
import { makeTree, removeTree } from './tree-helpers';

/**
 * A 1,000-file service: entity modules for three ORMs, services and controllers that import them
 * through barrels and path aliases, tests, and a stale build output. Two registrations are planted
 * twice; everything else is unique.
 */
function generatedProject(): Record<string, string> {
  const files: Record<string, string> = {
    'package.json': '{ "name": "generated-service", "private": true }',
    'tsconfig.json': '{ "compilerOptions": { "outDir": "dist", "baseUrl": ".", "paths": { "@/*": ["src/*"] } }, "include": ["src", "test"] }',
  };
  const modules = 40;
  for (let m = 0; m < modules; m++) {
    const dir = `src/modules/m${m}`;
    const orm = m % 3;
    if (orm === 0) {
      files[`${dir}/m${m}.model.ts`] = `import mongoose from 'mongoose';\nconst schema = new mongoose.Schema({ name: String });\nexport const M${m} = mongoose.model('M${m}', schema);\n`;
    } else if (orm === 1) {
      files[`${dir}/m${m}.model.ts`] = `import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class M${m} { @PrimaryGeneratedColumn() id!: number; }\n`;
    } else {
      files[`${dir}/m${m}.model.ts`] = `import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const m${m} = pgTable('m${m}', { id: serial('id') });\n`;
    }
    files[`${dir}/index.ts`] = `export * from './m${m}.model';\nexport * from './m${m}.service';\n`;
    const imported = orm === 2 ? `m${m}` : `M${m}`;
    files[`${dir}/m${m}.service.ts`] = `import { ${imported} } from './m${m}.model';\nimport { format } from '@/shared/format';\nexport class M${m}Service {\n  constructor(private readonly repo = ${imported}) {}\n  name() { return format('m${m}'); }\n}\n`;
    for (let c = 0; c < 20; c++) {
      files[`${dir}/handlers/h${c}.ts`] = `import { M${m}Service } from '../m${m}.service';\nimport { helper${c % 10} } from '../../../shared/helpers/helper${c % 10}';\n// handler ${c} of module ${m}\nexport const h${c} = () => helper${c % 10}(new M${m}Service().name());\n`;
    }
    files[`test/m${m}.test.ts`] = `import { it } from 'vitest';\nimport mongoose from 'mongoose';\nimport { M${m}Service } from '@/modules/m${m}';\nit('works', () => { mongoose.model('Fixture', new mongoose.Schema({})); return new M${m}Service(); });\n`;
  }
  files['src/shared/format.ts'] = `export const format = (value: string) => value.trim();\n`;
  for (let h = 0; h < 10; h++) files[`src/shared/helpers/helper${h}.ts`] = `export const helper${h} = (value: string) => value + ${h};\n`;
  // Planted: a second mongoose 'M0' and a second TypeORM table 'm1'.
  files['src/legacy/m0-copy.ts'] = `import { model, Schema } from 'mongoose';\nexport const Copy = model('M0', new Schema({}));\n`;
  files['src/legacy/m1-copy.ts'] = `import { Entity } from 'typeorm';\n@Entity('m1')\nexport class LegacyM1 {}\n`;
  files['dist/modules/m0/m0.model.js'] = `exports.M0 = require('mongoose').model('M0', new (require('mongoose').Schema)({}));\n`;
  // Filler up to 1,000 source files: plain utilities.
  let count = Object.keys(files).filter((file) => file.startsWith('src/') || file.startsWith('test/')).length;
  for (let u = 0; count < 1000; u++, count++) {
    files[`src/utils/u${u}.ts`] = `import { format } from '../shared/format';\nexport function u${u}(input: string): string {\n  return format(input).repeat(${(u % 3) + 1});\n}\n`;
  }
  return files;
}

const root = makeTree(generatedProject());
afterAll(() => removeTree(root));
const catalog = getCatalog(undefined);

describe('a cold build of a generated 1,000-file project', () => {
  it('lists every source file and finds exactly the registrations written, with the planted duplicates', () => {
    const project = new ProjectIndex({ persistentCache: false }).projectFor(path.join(root, 'src/utils/u0.ts'))!;
    expect(project.files()).toHaveLength(1000);
    const byKey = project.registrationsByKey(catalog);
    const counts: Record<string, number> = {};
    for (const refs of byKey.values()) for (const ref of refs) counts[ref.fact.orm] = (counts[ref.fact.orm] ?? 0) + 1;
    // 14 mongoose models (+1 planted, +40 test fixtures), 13 TypeORM tables (+1 planted), 13 drizzle tables.
    expect(counts).toEqual({ mongoose: 55, TypeORM: 14, drizzle: 13 });
    const duplicated = [...byKey]
      .filter(([, refs]) => new Set(refs.map((ref) => ref.file)).size > 1)
      .map(([key, refs]) => [key, refs.map((ref) => path.relative(root, ref.file))])
      .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    expect(duplicated).toEqual([
      ['mongoose|default||M0', ['src/legacy/m0-copy.ts', 'src/modules/m0/m0.model.ts']],
      ['mongoose|default||Fixture', Array.from({ length: 40 }, (_, m) => `test/m${m}.test.ts`).sort()],
      ['typeorm|default||m1', ['src/legacy/m1-copy.ts', 'src/modules/m1/m1.model.ts']],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    // Leaving test files out does not even parse them.
    const sourcesOnly = project.registrationsByKey(catalog, (file) => !file.includes(`${path.sep}test${path.sep}`));
    expect(sourcesOnly.has('mongoose|default||Fixture')).toBe(false);
  });

  it('resolves every project import, and finds the importers of a module by name', () => {
    const project = new ProjectIndex({ persistentCache: false }).projectFor(path.join(root, 'src/utils/u0.ts'))!;
    let resolved = 0;
    for (const file of project.files()) {
      for (const fact of project.importsOf(file, catalog)) {
        if (!fact.specifier.startsWith('.') && !fact.specifier.startsWith('@/')) continue;
        expect(project.resolve(file, fact.specifier), `${file}: ${fact.specifier}`).toMatchObject({ exact: true });
        resolved++;
      }
    }
    // Per module: 2 in the barrel, 2 in the service, 2 in each of 20 handlers, 1 in the test; one per utility file.
    const utilities = 1000 - 40 * 23 - 40 - 1 - 10 - 2;
    expect(resolved).toBe(40 * (2 + 2 + 2 * 20 + 1) + utilities);
    const importers = project.importersOf(path.join(root, 'src/modules/m3/m3.service.ts'), catalog);
    expect(importers.map((ref) => path.relative(root, ref.file))).toEqual([
      'src/modules/m3/handlers/h0.ts',
      ...Array.from({ length: 19 }, (_, c) => `src/modules/m3/handlers/h${c + 1}.ts`).sort(),
      'src/modules/m3/index.ts',
    ].sort());
    expect(project.buildOutputOf(path.join(root, 'dist/modules/m0/m0.model.js'))?.source).toBe(path.join(root, 'src/modules/m0/m0.model.ts'));
  });

  it('gives the same answer from a second, independent index', () => {
    const summary = (index: ProjectIndex) => {
      const project = index.projectFor(path.join(root, 'src/utils/u999.ts'))!;
      return [...project.registrationsByKey(catalog)].map(([key, refs]) => `${key}=${refs.length}`).sort();
    };
    expect(summary(new ProjectIndex({ persistentCache: false }))).toEqual(summary(new ProjectIndex({ persistentCache: false })));
  });
});
