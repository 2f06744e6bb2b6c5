import { describe, expect, it } from 'vitest';

import { type FixedIdentity, identityPatterns, parseConnectionString } from '../../src/analysis/worker-identity';

describe('parseConnectionString', () => {
  it.each([
    ['postgres://app:secret@localhost:5432/app_test?sslmode=disable', { scheme: 'postgres', database: { name: 'app_test', end: 45 } }],
    ['postgresql://localhost/app%5Ftest', { scheme: 'postgresql', database: { name: 'app_test', end: 33 } }],
    ['mysql://root@localhost/app_test', { scheme: 'mysql', database: { name: 'app_test', end: 31 } }],
    ['mongodb+srv://cluster.example.net/app_test?retryWrites=true', { scheme: 'mongodb+srv', database: { name: 'app_test', end: 42 } }],
    ['postgres://localhost:5432', { scheme: 'postgres' }],
    ['postgres://localhost:5432/', { scheme: 'postgres' }],
    ['sqlite:./test.sqlite', { scheme: 'sqlite', file: './test.sqlite' }],
    ['file:./dev.db', { scheme: 'file', file: './dev.db' }],
    ['file:///tmp/app.db', { scheme: 'file', file: '/tmp/app.db' }],
    ['redis://localhost:6379/3', { scheme: 'redis', redisIndex: 3 }],
    ['redis://localhost:6379', { scheme: 'redis' }],
  ])('%s', (text, expected) => {
    expect(parseConnectionString(text)).toEqual(expected);
  });

  it.each(['localhost:5432', 'app_test', 'libsql://db.turso.io', 'https://example.com/app_test'])('%s is not one', (text) => {
    expect(parseConnectionString(text)).toBeUndefined();
  });
});

describe('identityPatterns', () => {
  const identity = (kind: FixedIdentity['kind'], text: string, extra: Partial<FixedIdentity> = {}) =>
    ({ kind, token: { text, sameDirectory: false }, ...extra }) as FixedIdentity;
  const matches = (patterns: RegExp[], source: string) => patterns.every((pattern) => pattern.test(source));

  it('finds a database name as a whole string or URL path, with the same client module when the server is unknown', () => {
    const patterns = identityPatterns(identity('databaseName', 'app_test', { module: 'pg' }));
    expect(matches(patterns, `import { Pool } from 'pg';\nnew Pool({ database: 'app_test' })`)).toBe(true);
    expect(matches(patterns, `import pg from 'pg';\nconst url = 'postgres://localhost/app_test?x=1';`)).toBe(true);
    expect(matches(patterns, `import pg from 'pg';\nconst name = \`app_test\`;`)).toBe(true);
    expect(matches(patterns, `import mysql from 'mysql2';\nmysql.createPool({ database: 'app_test' })`)).toBe(false);
    expect(matches(patterns, `import { Pool } from 'pg';\nnew Pool({ database: 'app_test_2' })`)).toBe(false);
  });

  it('asks for a word of the server family, not the same client, when the server is known', () => {
    const patterns = identityPatterns(identity('databaseName', 'app_test', { module: 'pg', server: 'postgres' }));
    expect(matches(patterns, `import postgres from 'postgres';\npostgres({ database: 'app_test' })`)).toBe(true);
    expect(matches(patterns, `MikroORM.init({ driver: PostgreSqlDriver, dbName: 'app_test' })`)).toBe(true);
    expect(matches(patterns, `import postgres from 'postgres';\npostgres({ database: 'other' })`)).toBe(false);
    expect(matches(patterns, `import mysql from 'mysql2';\nmysql.createPool({ database: 'app_test' })`)).toBe(false);
  });

  it('finds a port where something listens on it', () => {
    const patterns = identityPatterns(identity('port', '3000'));
    expect(matches(patterns, 'app.listen(3000)')).toBe(true);
    expect(matches(patterns, 'const PORT = 3000;')).toBe(true);
    expect(matches(patterns, 'fastify.listen({ port: 3000 })')).toBe(true);
    expect(matches(patterns, 'await sleep(3000)')).toBe(false);
    expect(matches(patterns, 'app.listen(30000)')).toBe(false);
  });

  it('finds a file name as a whole string or path segment', () => {
    const patterns = identityPatterns(identity('databaseFile', 'test.db'));
    expect(matches(patterns, "new Database('./data/test.db')")).toBe(true);
    expect(matches(patterns, "url: 'file:test.db'")).toBe(true);
    expect(matches(patterns, "new Database('./latest.db')")).toBe(false);
    expect(matches(patterns, "new Database('test.dbx')")).toBe(false);
  });
});
