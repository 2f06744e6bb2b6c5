import { describe, expect, it } from 'vitest';

import { type FixedIdentity, identityPatterns, parseConnectionString } from '../../src/analysis/worker-identity';

describe('parseConnectionString', () => {
  it.each([
    ['postgres://app:secret@localhost:5432/app_test?sslmode=disable', { database: { name: 'app_test', end: 45 } }],
    ['postgresql://localhost/app%5Ftest', { database: { name: 'app_test', end: 33 } }],
    ['mysql://root@localhost/app_test', { database: { name: 'app_test', end: 31 } }],
    ['mongodb+srv://cluster.example.net/app_test?retryWrites=true', { database: { name: 'app_test', end: 42 } }],
    ['postgres://localhost:5432', {}],
    ['postgres://localhost:5432/', {}],
    ['sqlite:./test.sqlite', { file: './test.sqlite' }],
    ['file:./dev.db', { file: './dev.db' }],
    ['file:///tmp/app.db', { file: '/tmp/app.db' }],
    ['redis://localhost:6379/3', { redisIndex: 3 }],
    ['redis://localhost:6379', {}],
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

  it('finds a database name as an option or a URL path, with the same client module', () => {
    const patterns = identityPatterns(identity('databaseName', 'app_test', { module: 'pg' }));
    expect(matches(patterns, `import { Pool } from 'pg';\nnew Pool({ database: 'app_test' })`)).toBe(true);
    expect(matches(patterns, `import pg from 'pg';\nconst url = 'postgres://localhost/app_test?x=1';`)).toBe(true);
    expect(matches(patterns, `import mysql from 'mysql2';\nmysql.createPool({ database: 'app_test' })`)).toBe(false);
    expect(matches(patterns, `import { Pool } from 'pg';\ndescribe('app_test', () => {});`)).toBe(false);
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
