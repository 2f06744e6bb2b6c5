import { describe, expect, it } from 'vitest';

import { getCatalog } from '../../src/analysis/catalog';
import { findModuleSingletons } from '../../src/cli/fix/find-singletons';

const catalog = getCatalog(undefined);
const find = (text: string, fileName = 'src/db.ts') => findModuleSingletons(text, fileName, catalog);

describe('findModuleSingletons', () => {
  it('finds an exported resource created by a constructor, with its argument', () => {
    const { singletons, unsupported } = find(`import { Pool } from 'pg';\nexport const pool = new Pool({ max: 1 });`);
    expect(unsupported).toEqual([]);
    expect(singletons).toMatchObject([{ localName: 'pool', exportedNames: ['pool'], form: 'new', calleeText: 'Pool', argumentText: '{ max: 1 }', line: 2 }]);
  });

  it('follows requires, including destructured ones, and export lists', () => {
    const { singletons } = find(`const { Pool } = require('pg');\nconst pool = new Pool();\nexport { pool as db };`, 'src/db.js');
    expect(singletons).toMatchObject([{ localName: 'pool', exportedNames: ['db'] }]);
  });

  it('reads a plain .js file that contains JSX', () => {
    const { singletons } = find(`import { Pool } from 'pg';\nexport const pool = new Pool();\nexport const View = () => <div />;`, 'src/db.js');
    expect(singletons.map((singleton) => singleton.localName)).toEqual(['pool']);
  });

  it('refuses a factory name any module-level binding already has', () => {
    const { singletons, unsupported } = find(`import { Pool } from 'pg';\nexport const pool = new Pool();\nexport enum createPool { A }`);
    expect(singletons).toEqual([]);
    expect(unsupported).toMatchObject([{ localName: 'pool', reason: '`createPool` already exists in this module' }]);
  });

  it('ignores unexported resources, names a shadowing local does not import, and files that do not parse', () => {
    expect(find(`import { Pool } from 'pg';\nconst pool = new Pool();`).singletons).toEqual([]);
    expect(find(`import { Pool } from 'pg';\nexport const make = (Pool: any) => { const p = new Pool(); return p; };`).singletons).toEqual([]);
    expect(find(`import { Pool } from 'pg';\nexport const pool = new Pool(`)).toEqual({ singletons: [], unsupported: [] });
    expect(find('')).toEqual({ singletons: [], unsupported: [] });
  });
});
