import { describe, expect, it } from 'vitest';

import { getCatalog } from '../../src/analysis/catalog';
import { packageOfFile } from '../../src/analysis/types';

describe('packageOfFile', () => {
  it.each([
    ['/app/node_modules/pg/lib/index.d.ts', 'pg'],
    ['/app/node_modules/@types/pg/index.d.ts', 'pg'],
    ['/app/node_modules/@types/babel__core/index.d.ts', '@babel/core'],
    ['/app/node_modules/@prisma/client/index.d.ts', '@prisma/client'],
    ['/app/node_modules/@prisma/client/runtime/library.d.ts', '@prisma/client'],
    ['/app/node_modules/.prisma/client/index.d.ts', '.prisma/client'],
    ['/app/node_modules/@testcontainers/postgresql/build/index.d.ts', '@testcontainers/postgresql'],
    // pnpm keeps packages in a nested node_modules: the innermost one names the package
    ['/app/node_modules/.pnpm/pg@8.13.0/node_modules/pg/lib/index.d.ts', 'pg'],
    ['/app/node_modules/.pnpm/@types+pg@8.11.0/node_modules/@types/pg/index.d.ts', 'pg'],
    ['/app/node_modules/typeorm/node_modules/mysql2/index.d.ts', 'mysql2'],
    // @types/node declares each built-in module in a file of its own
    ['/app/node_modules/@types/node/http.d.ts', 'node:http'],
    ['/app/node_modules/@types/node/net.d.ts', 'node:net'],
    // Windows paths
    ['C:\\app\\node_modules\\@mikro-orm\\core\\index.d.ts', '@mikro-orm/core'],
    ['C:\\app\\node_modules\\ioredis\\built\\Redis.d.ts', 'ioredis'],
  ])('%s → %s', (file, expected) => {
    expect(packageOfFile(file)).toBe(expected);
  });

  it.each(['/app/src/db.ts', '/app/prisma/generated/client/index.d.ts', 'lib.es2022.d.ts', '/app/node_modules_backup/pg/index.d.ts'])(
    'gives no package for %s, which is not in node_modules',
    (file) => {
      expect(packageOfFile(file)).toBeUndefined();
    },
  );

  it('lets a built-in module type be found in the catalog', () => {
    const catalog = getCatalog(undefined);
    const module = packageOfFile('/app/node_modules/@types/node/http.d.ts');
    expect(catalog.specsForType('Server', module).map((spec) => spec.name)).toEqual(['http.Server']);
  });

  it('gives names that the catalog knows', () => {
    const catalog = getCatalog(undefined);
    for (const file of [
      '/app/node_modules/@types/pg/index.d.ts',
      '/app/node_modules/.prisma/client/index.d.ts',
      '/app/node_modules/@testcontainers/redis/build/index.d.ts',
      '/app/node_modules/@mikro-orm/postgresql/index.d.ts',
      '/app/node_modules/@types/node/http.d.ts',
    ]) {
      expect(catalog.isResourceModule(packageOfFile(file)!), file).toBe(true);
    }
  });
});
