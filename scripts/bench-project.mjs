// Generates the synthetic TypeScript project that `npm run bench` lints: a service code base split
// into areas (billing, catalog, …), each with one database driver, domain modules (types, model,
// repository, service, mapper, validation), vitest and jest tests, test fixtures and global setup.
// A seeded PRNG makes the project identical on every machine. Some files carry the defects the
// plugin's rules report (un-awaited hooks and fixtures, module-level clients, one model name or table
// in two areas); the generator records where, so the bench can check the findings against them.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the generated code changes, so existing `.bench/` projects are rebuilt. */
export const GENERATOR_VERSION = 4;
export const DEFAULT_FILES = 2000;
const SEED = 0x5eed;
const MANIFEST = 'bench-manifest.json';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The project for `files` files: reused when it exists and was built by this generator version. */
export function ensureBenchProject({ files = DEFAULT_FILES, root = path.join(repoRoot, '.bench') } = {}) {
  const dir = path.join(root, `project-${files}`);
  const manifestPath = path.join(dir, MANIFEST);
  if (existsSync(manifestPath)) {
    try {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      if (manifest.version === GENERATOR_VERSION && manifest.files === files) return { dir, manifest, generated: false };
    } catch {
      // unreadable manifest: regenerate
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const project = generateProject(files);
  for (const [relative, text] of project.files) {
    const target = path.join(dir, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  writeFileSync(manifestPath, `${JSON.stringify(project.manifest, null, 2)}\n`);
  return { dir, manifest: project.manifest, generated: true };
}

// ------------------------------------------------------------------------------------------ random

function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    shuffle(items) {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
    /** A file length between 52 and 272 lines, most files near 100–150. */
    length: () => 52 + Math.floor(220 * next() ** 1.5),
  };
}

// ------------------------------------------------------------------------------------------ names

const areaNames = [
  'billing', 'catalog', 'crm', 'identity', 'inventory', 'logistics', 'marketing', 'payments',
  'reporting', 'support', 'scheduling', 'messaging', 'procurement', 'payroll', 'analytics', 'compliance',
  'content', 'search', 'pricing', 'fulfilment', 'loyalty', 'onboarding', 'risk', 'workforce',
];
const nounNames = [
  'invoice', 'customer', 'product', 'order', 'payment', 'shipment', 'account', 'subscription', 'coupon',
  'cart', 'review', 'stock-item', 'warehouse', 'supplier', 'employee', 'timesheet', 'report', 'notification',
  'audit-entry', 'ticket', 'message', 'document', 'tenant', 'plan', 'quote', 'refund', 'ledger-entry',
  'booking', 'campaign', 'segment', 'lead', 'contract', 'asset', 'vendor', 'budget', 'forecast', 'route',
  'carrier', 'parcel', 'return-request', 'price-list', 'discount', 'voucher', 'webhook', 'api-key', 'team',
  'role', 'permission', 'session', 'device', 'address', 'category', 'tag', 'attachment', 'comment', 'task',
  'project', 'milestone', 'survey', 'feedback',
];
const drivers = ['prisma', 'pg', 'typeorm', 'mongoose', 'knex'];

const pascal = (name) => name.split('-').map((part) => part[0].toUpperCase() + part.slice(1)).join('');
const camel = (name) => {
  const p = pascal(name);
  return p[0].toLowerCase() + p.slice(1);
};
const snake = (name) => name.replaceAll('-', '_');

const fieldPool = [
  { name: 'title', ts: 'string', sample: "'Quarterly review'", mongo: 'String' },
  { name: 'amountCents', ts: 'number', sample: '12_500', mongo: 'Number' },
  { name: 'currency', ts: 'string', sample: "'EUR'", mongo: 'String' },
  { name: 'email', ts: 'string', sample: "'ada@example.com'", mongo: 'String' },
  { name: 'quantity', ts: 'number', sample: '3', mongo: 'Number' },
  { name: 'notes', ts: 'string | null', sample: 'null', mongo: 'String' },
  { name: 'dueDate', ts: 'Date', sample: "new Date('2024-03-01T00:00:00Z')", mongo: 'Date' },
  { name: 'priority', ts: 'number', sample: '2', mongo: 'Number' },
  { name: 'archived', ts: 'boolean', sample: 'false', mongo: 'Boolean' },
  { name: 'ownerId', ts: 'string', sample: "'owner-1'", mongo: 'String' },
  { name: 'externalRef', ts: 'string', sample: "'ext-42'", mongo: 'String' },
  { name: 'score', ts: 'number', sample: '87', mongo: 'Number' },
  { name: 'region', ts: 'string', sample: "'eu-west'", mongo: 'String' },
  { name: 'version', ts: 'number', sample: '1', mongo: 'Number' },
];
const statusSets = [
  ['draft', 'pending', 'approved', 'rejected'],
  ['open', 'in_progress', 'resolved', 'closed'],
  ['active', 'suspended', 'cancelled'],
  ['new', 'processing', 'shipped', 'delivered', 'returned'],
  ['scheduled', 'running', 'completed', 'failed'],
];

// ------------------------------------------------------------------------------------------ output

/** A file being written: its lines, and the findings the bench should expect in it. */
class SourceFile {
  constructor(relative) {
    this.path = relative;
    this.lines = [];
    this.expected = [];
  }

  add(...lines) {
    for (const line of lines) this.lines.push(...line.split('\n'));
    return this;
  }

  /** Adds a line that `rule` must report with `messageId`. */
  defect(line, messageId, rule = 'require-async-fixture') {
    this.expected.push({ file: this.path, line: this.lines.length + 1, ruleId: `test-isolation/${rule}`, messageId });
    return this.add(line);
  }

  get length() {
    return this.lines.length;
  }

  text() {
    return `${this.lines.join('\n')}\n`;
  }
}

/** The import specifier from one project file to another, with the `.js` extension NodeNext wants. */
function importPath(from, to) {
  let relative = path.posix.relative(path.posix.dirname(from), to).replace(/\.ts$/, '.js');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return relative;
}

// ------------------------------------------------------------------------------------------ plan

/** Decides which files exist: ~60% sources, ~30% tests, ~10% fixtures and setup files. */
function planProject(total, random) {
  const budget = { source: Math.round(total * 0.6), test: Math.round(total * 0.3) };
  budget.fixture = total - budget.source - budget.test;
  const areaCount = Math.max(1, Math.min(areaNames.length, Math.round(total / 125)));
  const areas = random.shuffle(areaNames).slice(0, areaCount).map((name, index) => ({
    name,
    driver: drivers[index % drivers.length],
    runner: random.chance(0.7) ? 'vitest' : 'jest',
    cache: random.chance(0.5),
    domains: [],
  }));
  const plan = { areas, shared: [], files: [] };
  const take = (category, entry) => {
    if (budget[category] <= 0) return false;
    budget[category]--;
    plan.files.push({ category, ...entry });
    return true;
  };

  for (const name of sharedModuleNames) take('source', { kind: 'shared', name, path: `src/shared/${name}.ts` });
  for (const area of areas) {
    take('source', { kind: 'db', area, path: `src/${area.name}/db.ts` });
    if (area.cache) take('source', { kind: 'cache', area, path: `src/${area.name}/cache.ts` });
    take('fixture', { kind: 'globalSetup', area, path: `test/${area.name}/global-setup.ts` });
    take('fixture', { kind: 'setupFile', area, path: `test/setup/${area.name}.setup.ts` });
  }

  // Domains, round-robin over areas, until the source budget is spent.
  const nouns = random.shuffle(nounNames);
  const sourceKinds = ['types', 'model', 'repository', 'service', 'mapper', 'validation'];
  for (let index = 0; budget.source >= 4; index++) {
    const area = areas[index % areas.length];
    const round = Math.floor(index / areas.length);
    const noun = nouns[(index + round * 7) % nouns.length] + (index >= nouns.length * areas.length ? `-${round}` : '');
    if (area.domains.some((domain) => domain.noun === noun)) continue;
    const domain = createDomain(area, noun, random);
    area.domains.push(domain);
    for (const kind of sourceKinds) {
      if (kind === 'mapper' || kind === 'validation') {
        if (budget.source < 1) break;
      }
      if (take('source', { kind, domain, path: `${domain.dir}/${domain.noun}.${kind}.ts` })) domain.kinds.add(kind);
    }
  }
  // Whatever is left goes to more shared utilities.
  for (let extra = 2; budget.source > 0; extra++) {
    for (const name of sharedModuleNames) {
      if (!['strings', 'dates', 'money', 'collections', 'retry'].includes(name)) continue;
      take('source', { kind: 'sharedExtra', name, path: `src/shared/${name}-${extra}.ts`, base: name });
    }
  }

  const domains = areas.flatMap((area) => area.domains);
  const testKinds = [
    { kind: 'serviceTest', needs: 'service' },
    { kind: 'repositoryTest', needs: 'repository' },
    { kind: 'mapperTest', needs: 'mapper' },
    { kind: 'validationTest', needs: 'validation' },
    { kind: 'integrationTest', needs: 'service' },
  ];
  for (const { kind, needs } of testKinds) {
    for (const domain of domains) {
      if (!domain.kinds.has(needs)) continue;
      const suffix = domain.area.runner === 'jest' ? 'spec' : 'test';
      const name = { serviceTest: 'service', repositoryTest: 'repository', mapperTest: 'mapper', validationTest: 'validation', integrationTest: 'integration' }[kind];
      if (take('test', { kind, domain, path: `${domain.dir}/${domain.noun}.${name}.${suffix}.ts` })) domain.kinds.add(kind);
    }
  }
  for (const kind of ['fixtures', 'factories']) {
    for (const domain of domains) {
      if (domain.area.runner !== 'vitest' && kind === 'fixtures') continue;
      if (take('fixture', { kind, domain, path: `test/fixtures/${domain.area.name}/${domain.noun}.${kind}.ts` })) domain.kinds.add(kind);
    }
  }
  // Small projects may still have test or fixture budget: more unit tests of shared code.
  for (let extra = 1; budget.test > 0 || budget.fixture > 0; extra++) {
    for (const name of sharedModuleNames) {
      take('test', { kind: 'sharedTest', name, path: `test/unit/${name}-${extra}.test.ts` });
      take('fixture', { kind: 'sharedFactory', name, path: `test/factories/${name}-${extra}.ts` });
    }
  }
  return plan;
}

function createDomain(area, noun, random) {
  const fields = random.shuffle(fieldPool).slice(0, random.int(3, 7));
  return {
    area,
    noun,
    Type: pascal(noun),
    value: camel(noun),
    table: `${snake(noun)}s`,
    dir: `src/${area.name}/${noun}`,
    fields,
    statuses: random.pick(statusSets),
    kinds: new Set(),
  };
}

// ------------------------------------------------------------------------------------------ project

function generateProject(total) {
  const random = createRandom(SEED ^ total);
  const plan = planProject(total, random);
  plan.duplicateRegistrations = duplicateRegistrations(plan);
  const files = new Map();
  const expected = [];
  const counts = { source: 0, test: 0, fixture: 0 };
  let lines = 0;
  for (const entry of plan.files) {
    const file = new SourceFile(entry.path);
    renderers[entry.kind](file, entry, random, plan);
    files.set(entry.path, file.text());
    expected.push(...file.expected);
    counts[entry.category]++;
    lines += file.length;
  }
  files.set('package.json', `${JSON.stringify(projectPackageJson(), null, 2)}\n`);
  files.set('tsconfig.json', `${JSON.stringify(projectTsconfig, null, 2)}\n`);
  for (const [relative, text] of Object.entries(packageStubs)) files.set(`node_modules/${relative}`, text);
  const manifest = {
    version: GENERATOR_VERSION,
    files: total,
    counts,
    lines,
    areas: plan.areas.map((area) => ({ name: area.name, driver: area.driver, runner: area.runner, domains: area.domains.length })),
    expected,
  };
  return { files, manifest };
}

/** The registry key of a domain's model: TypeORM tables and mongoose model names are global. */
function registrationKey(domain) {
  if (domain.area.driver === 'typeorm') return `typeorm:${domain.table}`;
  if (domain.area.driver === 'mongoose') return `mongoose:${domain.Type}`;
  return undefined;
}

/** Keys that two areas register (the same noun in two areas on one ORM): each site is a duplicate. */
function duplicateRegistrations(plan) {
  const counts = new Map();
  for (const entry of plan.files) {
    const key = entry.kind === 'model' ? registrationKey(entry.domain) : undefined;
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count > 1).map(([key]) => key));
}

function projectPackageJson() {
  return {
    name: 'bench-service',
    private: true,
    type: 'module',
    scripts: { test: 'vitest run', 'test:jest': 'jest' },
    dependencies: {
      '@prisma/client': '^6.0.0',
      ioredis: '^5.4.0',
      knex: '^3.1.0',
      mongoose: '^8.8.0',
      pg: '^8.13.0',
      typeorm: '^0.3.20',
    },
    devDependencies: { '@jest/globals': '^30.0.0', jest: '^30.0.0', typescript: '~5.9.0', vitest: '^4.1.0' },
  };
}

const projectTsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node', 'jest'],
  },
  include: ['src', 'test'],
};

// Declarations for the packages the project imports, so typed linting (`--typed`) sees real
// promise-returning signatures. ESLint never lints `node_modules`.
const packageStubs = {
  'pg/package.json': '{ "name": "pg", "version": "8.13.0", "type": "module", "types": "index.d.ts" }\n',
  'pg/index.d.ts': `export interface QueryResult<R> { rows: R[]; rowCount: number | null }
export interface PoolConfig { connectionString?: string; max?: number }
export declare class PoolClient { query<R = any>(sql: string, values?: unknown[]): Promise<QueryResult<R>>; release(): void }
export declare class Pool {
  constructor(config?: PoolConfig);
  connect(): Promise<PoolClient>;
  query<R = any>(sql: string, values?: unknown[]): Promise<QueryResult<R>>;
  end(): Promise<void>;
}
export declare class Client extends Pool {}
`,
  '@prisma/client/package.json': '{ "name": "@prisma/client", "version": "6.0.0", "type": "module", "types": "index.d.ts" }\n',
  '@prisma/client/index.d.ts': `type Delegate = { [method: string]: (args?: any) => Promise<any> };
export declare class PrismaClient {
  constructor(options?: { datasources?: { db?: { url?: string } } });
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $transaction<T>(fn: (tx: PrismaClient) => Promise<T>): Promise<T>;
  $executeRawUnsafe(sql: string): Promise<number>;
  [model: string]: Delegate | any;
}
`,
  'typeorm/package.json': '{ "name": "typeorm", "version": "0.3.20", "type": "module", "types": "index.d.ts" }\n',
  'typeorm/index.d.ts': `export declare class Repository<T> {
  findOneBy(where: Partial<T>): Promise<T | null>;
  find(options?: any): Promise<T[]>;
  save(entity: Partial<T>): Promise<T>;
  update(id: string, patch: Partial<T>): Promise<T | null>;
  delete(id: string): Promise<unknown>;
  count(options?: any): Promise<number>;
  clear(): Promise<void>;
}
export declare class EntityManager { getRepository<T>(target: new () => T): Repository<T> }
export declare class DataSource {
  constructor(options: any);
  manager: EntityManager;
  initialize(): Promise<DataSource>;
  destroy(): Promise<void>;
  synchronize(): Promise<void>;
  getRepository<T>(target: new () => T): Repository<T>;
  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T>;
}
export declare function Entity(name?: string): ClassDecorator;
export declare function Column(options?: any): PropertyDecorator;
export declare function PrimaryGeneratedColumn(kind?: string): PropertyDecorator;
export declare function CreateDateColumn(): PropertyDecorator;
export declare function UpdateDateColumn(): PropertyDecorator;
export declare function Index(fields?: string[]): ClassDecorator & PropertyDecorator;
`,
  'mongoose/package.json': '{ "name": "mongoose", "version": "8.8.0", "type": "module", "types": "index.d.ts" }\n',
  'mongoose/index.d.ts': `export declare class Schema<T = any> { constructor(definition: any, options?: any); index(fields: any): this }
export interface Query<T> extends Promise<T> { lean(): Query<T>; limit(n: number): Query<T>; sort(s: any): Query<T> }
export interface Model<T> {
  findOne(filter: any): Query<T | null>;
  find(filter: any): Query<T[]>;
  create(doc: any): Promise<T>;
  findByIdAndUpdate(id: string, patch: any, options?: any): Query<T | null>;
  deleteOne(filter: any): Promise<unknown>;
  countDocuments(filter: any): Promise<number>;
}
export interface ClientSession { endSession(): Promise<void>; withTransaction<T>(fn: () => Promise<T>): Promise<T> }
export interface Connection { asPromise(): Promise<Connection>; close(): Promise<void>; startSession(): Promise<ClientSession>; dropDatabase(): Promise<void> }
export declare function model<T>(name: string, schema: Schema<T>): Model<T>;
export declare function connect(uri: string): Promise<unknown>;
export declare function disconnect(): Promise<void>;
export declare function createConnection(uri: string): Connection;
export declare const connection: Connection;
declare const mongoose: { connect: typeof connect; disconnect: typeof disconnect; createConnection: typeof createConnection; model: typeof model; connection: Connection };
export default mongoose;
`,
  'knex/package.json': '{ "name": "knex", "version": "3.1.0", "type": "module", "types": "index.d.ts" }\n',
  'knex/index.d.ts': `export interface QueryBuilder extends Promise<any> { where(filter: any): QueryBuilder; first(): QueryBuilder; insert(row: any): QueryBuilder; update(patch: any): QueryBuilder; del(): QueryBuilder; returning(cols: string): QueryBuilder; limit(n: number): QueryBuilder; orderBy(col: string, dir?: string): QueryBuilder; count(col?: string): QueryBuilder }
export interface Knex { (table: string): QueryBuilder; raw(sql: string): Promise<unknown>; destroy(): Promise<void>; transaction<T>(fn: (trx: Knex) => Promise<T>): Promise<T> }
export declare function knex(config: any): Knex;
export default knex;
`,
  'ioredis/package.json': '{ "name": "ioredis", "version": "5.4.0", "type": "module", "types": "index.d.ts" }\n',
  'ioredis/index.d.ts': `export default class Redis {
  constructor(url?: string);
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode?: string, ttl?: number): Promise<'OK'>;
  del(key: string): Promise<number>;
  quit(): Promise<'OK'>;
  disconnect(): void;
  flushdb(): Promise<'OK'>;
}
`,
  '@jest/globals/package.json': '{ "name": "@jest/globals", "version": "30.0.0", "type": "module", "types": "index.d.ts" }\n',
  '@jest/globals/index.d.ts': `type Fn = (...args: any[]) => any;
type TestFn = ((name: string, fn: Fn) => void) & { each(table: readonly unknown[]): (name: string, fn: Fn) => void };
export declare function describe(name: string, fn: () => void): void;
export declare const it: TestFn;
export declare const test: TestFn;
export declare function beforeAll(fn: Fn): void;
export declare function afterAll(fn: Fn): void;
export declare function beforeEach(fn: Fn): void;
export declare function afterEach(fn: Fn): void;
export declare const expect: any;
export declare const jest: { fn(impl?: Fn): any; spyOn(object: any, method: string): any };
`,
  '@types/jest/package.json': '{ "name": "@types/jest", "version": "30.0.0", "type": "module", "types": "index.d.ts" }\n',
  '@types/jest/index.d.ts': `type Fn = (...args: any[]) => any;
type TestFn = ((name: string, fn: Fn) => void) & { each(table: readonly unknown[]): (name: string, fn: Fn) => void };
declare function describe(name: string, fn: () => void): void;
declare const it: TestFn;
declare const test: TestFn;
declare function beforeAll(fn: Fn): void;
declare function afterAll(fn: Fn): void;
declare function beforeEach(fn: Fn): void;
declare function afterEach(fn: Fn): void;
declare const expect: any;
declare const jest: { fn(impl?: Fn): any; spyOn(object: any, method: string): any };
`,
};

// ------------------------------------------------------------------------------------------ drivers

/** How each driver's code looks: imports, the module-level client, and queries. */
const driverCode = {
  prisma: {
    clientType: 'PrismaClient',
    declaredType: 'PrismaClient',
    typeImport: "import type { PrismaClient } from '@prisma/client';",
    valueImport: "import { PrismaClient } from '@prisma/client';",
    singleton: 'prisma',
    create: () => "new PrismaClient({ datasources: { db: { url: process.env.DATABASE_URL } } })",
    open: (v) => `${v}.$connect()`,
    release: (v) => `${v}.$disconnect()`,
    findOne: (d, f, v) => `await this.db.${d.value}.findFirst({ where: { ${f}: ${v} } })`,
    findMany: (d, f, v, n) => `await this.db.${d.value}.findMany({ where: { ${f}: ${v} }, take: ${n}, orderBy: { createdAt: 'desc' } })`,
    insert: (d, o) => `await this.db.${d.value}.create({ data: ${o} })`,
    update: (d, id, p) => `await this.db.${d.value}.update({ where: { id: ${id} }, data: ${p} })`,
    remove: (d, id) => `await this.db.${d.value}.delete({ where: { id: ${id} } })`,
    count: (d, f, v) => `await this.db.${d.value}.count({ where: { ${f}: ${v} } })`,
    cleanup: (v, d) => `${v}.${d.value}.deleteMany()`,
  },
  pg: {
    clientType: 'Pool',
    declaredType: 'Pool',
    typeImport: "import type { Pool } from 'pg';",
    valueImport: "import { Pool } from 'pg';",
    singleton: 'pool',
    create: () => 'new Pool({ connectionString: process.env.DATABASE_URL, max: 10 })',
    open: (v) => `${v}.query('select 1')`,
    release: (v) => `${v}.end()`,
    findOne: (d, f, v) => `(await this.db.query('select * from ${d.table} where ${snake(f)} = $1 limit 1', [${v}])).rows[0]`,
    findMany: (d, f, v, n) => `(await this.db.query('select * from ${d.table} where ${snake(f)} = $1 order by created_at desc limit ${n}', [${v}])).rows`,
    insert: (d, o) => `(await this.db.query('insert into ${d.table} select * from json_populate_record(null::${d.table}, $1) returning *', [${o}])).rows[0]`,
    update: (d, id, p) => `(await this.db.query('update ${d.table} set data = data || $2 where id = $1 returning *', [${id}, ${p}])).rows[0]`,
    remove: (d, id) => `await this.db.query('delete from ${d.table} where id = $1', [${id}])`,
    count: (d, f, v) => `Number((await this.db.query('select count(*) from ${d.table} where ${snake(f)} = $1', [${v}])).rows[0]?.count ?? 0)`,
    cleanup: (v, d) => `${v}.query('truncate table ${d.table} cascade')`,
  },
  typeorm: {
    clientType: 'DataSource',
    declaredType: 'DataSource',
    typeImport: "import type { DataSource } from 'typeorm';",
    valueImport: "import { DataSource } from 'typeorm';",
    singleton: 'dataSource',
    create: (entities = '[]') => `new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: ${entities}, synchronize: false })`,
    open: (v) => `${v}.initialize()`,
    release: (v) => `${v}.destroy()`,
    findOne: (d, f, v) => `await this.repository.findOneBy({ ${f}: ${v} })`,
    findMany: (d, f, v, n) => `await this.repository.find({ where: { ${f}: ${v} }, take: ${n}, order: { createdAt: 'DESC' } })`,
    insert: (d, o) => `await this.repository.save(${o})`,
    update: (d, id, p) => `await this.repository.update(${id}, ${p})`,
    remove: (d, id) => `await this.repository.delete(${id})`,
    count: (d, f, v) => `await this.repository.count({ where: { ${f}: ${v} } })`,
    cleanup: (v, d) => `${v}.getRepository(${d.Type}Entity).clear()`,
  },
  mongoose: {
    clientType: 'Connection',
    declaredType: 'ReturnType<typeof mongoose.createConnection>',
    typeImport: "import type { Connection } from 'mongoose';",
    valueImport: "import mongoose from 'mongoose';",
    singleton: 'connection',
    create: () => "mongoose.createConnection(process.env.MONGO_URL ?? 'mongodb://localhost:27017/app')",
    open: (v) => `${v}.asPromise()`,
    release: (v) => `${v}.close()`,
    findOne: (d, f, v) => `await ${d.Type}Model.findOne({ ${f}: ${v} }).lean()`,
    findMany: (d, f, v, n) => `await ${d.Type}Model.find({ ${f}: ${v} }).sort({ createdAt: -1 }).limit(${n}).lean()`,
    insert: (d, o) => `await ${d.Type}Model.create(${o})`,
    update: (d, id, p) => `await ${d.Type}Model.findByIdAndUpdate(${id}, ${p}, { new: true }).lean()`,
    remove: (d, id) => `await ${d.Type}Model.deleteOne({ _id: ${id} })`,
    count: (d, f, v) => `await ${d.Type}Model.countDocuments({ ${f}: ${v} })`,
    cleanup: (v) => `${v}.dropDatabase()`,
  },
  knex: {
    clientType: 'Knex',
    declaredType: 'ReturnType<typeof knex>',
    typeImport: "import type { Knex } from 'knex';",
    valueImport: "import knex from 'knex';",
    singleton: 'db',
    create: () => "knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 8 } })",
    open: (v) => `${v}.raw('select 1')`,
    release: (v) => `${v}.destroy()`,
    findOne: (d, f, v) => `await this.db('${d.table}').where({ ${snake(f)}: ${v} }).first()`,
    findMany: (d, f, v, n) => `await this.db('${d.table}').where({ ${snake(f)}: ${v} }).orderBy('created_at', 'desc').limit(${n})`,
    insert: (d, o) => `(await this.db('${d.table}').insert(${o}).returning('*'))[0]`,
    update: (d, id, p) => `(await this.db('${d.table}').where({ id: ${id} }).update(${p}).returning('*'))[0]`,
    remove: (d, id) => `await this.db('${d.table}').where({ id: ${id} }).del()`,
    count: (d, f, v) => `Number((await this.db('${d.table}').where({ ${snake(f)}: ${v} }).count('id'))[0]?.count ?? 0)`,
    cleanup: (v, d) => `${v}('${d.table}').del()`,
  },
};

// ------------------------------------------------------------------------------------------ sources

const sharedModuleNames = ['logger', 'clock', 'errors', 'pagination', 'strings', 'dates', 'money', 'collections', 'retry', 'env'];

/** Pure utility functions, picked to fill a file to its length. */
const utilityBlocks = [
  (n) => `export function slugify${n}(input: string): string {
  return input
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}`,
  (n) => `export function truncate${n}(text: string, max = 80, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - ellipsis.length));
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut) + ellipsis;
}`,
  (n) => `export function addBusinessDays${n}(start: Date, days: number): Date {
  const result = new Date(start.getTime());
  let remaining = days;
  while (remaining > 0) {
    result.setUTCDate(result.getUTCDate() + 1);
    const day = result.getUTCDay();
    if (day !== 0 && day !== 6) remaining--;
  }
  return result;
}`,
  (n) => `export function groupBy${n}<T, K extends string | number>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}`,
  (n) => `export function chunk${n}<T>(items: readonly T[], size: number): T[][] {
  if (size <= 0) throw new RangeError('size must be positive');
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) {
    chunks.push(items.slice(index, index + size));
  }
  return chunks;
}`,
  (n) => `export function formatMoney${n}(cents: number, currency = 'EUR', locale = 'en-GB'): string {
  const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return formatter.format(cents / 100);
}

export function allocate${n}(totalCents: number, ratios: readonly number[]): number[] {
  const sum = ratios.reduce((acc, ratio) => acc + ratio, 0);
  const shares = ratios.map((ratio) => Math.floor((totalCents * ratio) / sum));
  let remainder = totalCents - shares.reduce((acc, share) => acc + share, 0);
  for (let index = 0; remainder > 0; index = (index + 1) % shares.length, remainder--) {
    shares[index] = (shares[index] ?? 0) + 1;
  }
  return shares;
}`,
  (n) => `export interface RetryOptions${n} {
  attempts: number;
  baseDelayMs: number;
  shouldRetry?: (error: unknown) => boolean;
}

export async function retry${n}<T>(operation: () => Promise<T>, options: RetryOptions${n}): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < options.attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      if (options.shouldRetry && !options.shouldRetry(error)) break;
      await new Promise((resolve) => setTimeout(resolve, options.baseDelayMs * 2 ** attempt));
    }
  }
  throw lastError;
}`,
  (n) => `export function parseDuration${n}(value: string): number {
  const match = /^(\\d+)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) throw new Error(\`invalid duration: \${value}\`);
  const amount = Number(match[1]);
  switch (match[2]) {
    case 'ms':
      return amount;
    case 's':
      return amount * 1000;
    case 'm':
      return amount * 60_000;
    case 'h':
      return amount * 3_600_000;
    default:
      return amount * 86_400_000;
  }
}`,
  (n) => `export function uniqueBy${n}<T>(items: readonly T[], keyOf: (item: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}`,
  (n) => `export function isoWeek${n}(date: Date): { year: number; week: number } {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const dayNumber = target.getUTCDay() || 7;
  target.setUTCDate(target.getUTCDate() + 4 - dayNumber);
  const yearStart = new Date(Date.UTC(target.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((target.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return { year: target.getUTCFullYear(), week };
}`,
  (n) => `export function maskEmail${n}(email: string): string {
  const [local, domain] = email.split('@');
  if (!local || !domain) return email;
  const visible = local.slice(0, Math.min(2, local.length));
  return \`\${visible}\${'*'.repeat(Math.max(1, local.length - visible.length))}@\${domain}\`;
}`,
  (n) => `export class LruCache${n}<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}`,
];

function fillWithUtilities(file, random, target, start = 0) {
  for (let n = start; file.length < target - 2; n++) {
    file.add('', random.pick(utilityBlocks)(n));
  }
}

const sharedExports = { strings: [0, 1], dates: [2, 9], collections: [3, 4, 8], money: [5], retry: [6] };

const sharedHeaders = {
  logger: `export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

const levels: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(name: string, minimum: LogLevel = 'info', bindings: Record<string, unknown> = {}): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (levels[level] < levels[minimum]) return;
    const line = JSON.stringify({ level, name, message, time: new Date().toISOString(), ...bindings, ...fields });
    if (level === 'error') console.error(line);
    else console.log(line);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (more) => createLogger(name, minimum, { ...bindings, ...more }),
  };
}

export const rootLogger = createLogger('app');`,
  clock: `export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

export function advancingClock(start: Date, stepMs: number): Clock {
  let current = start.getTime();
  return {
    now: () => {
      const value = new Date(current);
      current += stepMs;
      return value;
    },
  };
}`,
  errors: `export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super(\`\${entity} \${id} was not found\`, 'not_found');
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(message, 'conflict');
  }
}

export class ValidationError extends DomainError {
  constructor(readonly issues: readonly string[]) {
    super(issues.join('; '), 'validation');
  }
}`,
  pagination: `export interface PageRequest {
  page: number;
  size: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
  hasNext: boolean;
}

export function normalizePage(request: Partial<PageRequest>, maxSize = 100): PageRequest {
  const page = Math.max(1, Math.floor(request.page ?? 1));
  const size = Math.min(maxSize, Math.max(1, Math.floor(request.size ?? 20)));
  return { page, size };
}

export function toPage<T>(items: T[], request: PageRequest, total: number): Page<T> {
  return { items, page: request.page, size: request.size, total, hasNext: request.page * request.size < total };
}`,
  env: `export interface AppEnv {
  databaseUrl: string;
  redisUrl: string;
  logLevel: string;
  port: number;
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(\`missing environment variable \${name}\`);
  return value;
}

export function readEnv(): AppEnv {
  return {
    databaseUrl: required('DATABASE_URL'),
    redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379',
    logLevel: process.env.LOG_LEVEL ?? 'info',
    port: Number(process.env.PORT ?? 3000),
  };
}`,
};

const renderers = {
  shared(file, entry, random) {
    const target = random.length();
    file.add(`// Shared ${entry.name} helpers.`);
    if (sharedHeaders[entry.name]) file.add('', sharedHeaders[entry.name]);
    // The helpers other modules import by name (`retry0`, `chunk0`, …).
    for (const block of sharedExports[entry.name] ?? []) file.add('', utilityBlocks[block](0));
    fillWithUtilities(file, random, target, 1);
  },

  sharedExtra(file, entry, random) {
    file.add(`// More ${entry.base} helpers.`);
    fillWithUtilities(file, random, random.length());
  },

  db(file, { area }, random) {
    const code = driverCode[area.driver];
    const name = code.singleton;
    file.add(
      `// The ${area.name} database client, shared by every module of the area.`,
      code.valueImport,
      '',
      "import { rootLogger } from '../shared/logger.js';",
      "import { retry0 } from '../shared/retry.js';",
      '',
      `const logger = rootLogger.child({ area: '${area.name}' });`,
      '',
    );
    file.defect(`export const ${name} = ${code.create()};`, 'moduleScopeResource', 'no-module-singleton');
    file.add(
      '',
      `export async function connect${pascal(area.name)}Database(): Promise<void> {`,
      `  await retry0(() => ${code.open(name)}, { attempts: 5, baseDelayMs: 200 });`,
      `  logger.info('database connected');`,
      '}',
      '',
      `export async function close${pascal(area.name)}Database(): Promise<void> {`,
      `  await ${code.release(name)};`,
      `  logger.info('database closed');`,
      '}',
      '',
      `export async function ${area.name}HealthCheck(): Promise<{ ok: boolean; latencyMs: number }> {`,
      '  const started = Date.now();',
      '  try {',
      `    await ${code.open(name)};`,
      '    return { ok: true, latencyMs: Date.now() - started };',
      '  } catch (error) {',
      "    logger.error('health check failed', { error: String(error) });",
      '    return { ok: false, latencyMs: Date.now() - started };',
      '  }',
      '}',
    );
    fillWithUtilities(file, random, Math.min(90, random.length()), 800);
  },

  cache(file, { area }, random) {
    file.add(
      "import Redis from 'ioredis';",
      '',
    );
    file.defect(`export const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');`, 'moduleScopeResource', 'no-module-singleton');
    file.add(
      '',
      'export async function cached<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {',
      '  const hit = await redis.get(key);',
      '  if (hit !== null) return JSON.parse(hit) as T;',
      '  const value = await load();',
      "  await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds);",
      '  return value;',
      '}',
      '',
      'export async function invalidate(...keys: string[]): Promise<number> {',
      '  if (keys.length === 0) return 0;',
      '  return redis.del(...(keys as [string]));',
      '}',
      '',
      `export const ${area.name}CacheKeys = {`,
      `  entity: (kind: string, id: string) => \`${area.name}:\${kind}:\${id}\`,`,
      `  list: (kind: string, page: number) => \`${area.name}:\${kind}:list:\${page}\`,`,
      '};',
    );
    fillWithUtilities(file, random, Math.min(80, random.length()), 900);
  },

  types(file, { domain: d }, random) {
    const target = random.length();
    file.add(
      `export type ${d.Type}Status = ${d.statuses.map((s) => `'${s}'`).join(' | ')};`,
      '',
      `export const ${d.value}Statuses: readonly ${d.Type}Status[] = [${d.statuses.map((s) => `'${s}'`).join(', ')}];`,
      '',
      `export interface ${d.Type} {`,
      '  id: string;',
      `  status: ${d.Type}Status;`,
      ...d.fields.map((f) => `  ${f.name}: ${f.ts};`),
      '  createdAt: Date;',
      '  updatedAt: Date;',
      '}',
      '',
      `export type New${d.Type} = Omit<${d.Type}, 'id' | 'createdAt' | 'updatedAt' | 'status'> & { status?: ${d.Type}Status };`,
      '',
      `export type ${d.Type}Patch = Partial<Omit<${d.Type}, 'id' | 'createdAt'>>;`,
      '',
      `export interface ${d.Type}Filter {`,
      `  status?: ${d.Type}Status;`,
      ...d.fields.slice(0, 2).map((f) => `  ${f.name}?: ${f.ts};`),
      '  createdAfter?: Date;',
      '  createdBefore?: Date;',
      '}',
      '',
      `export const ${d.value}Transitions: Record<${d.Type}Status, readonly ${d.Type}Status[]> = {`,
      ...d.statuses.map((s, i) => `  ${s}: [${d.statuses.slice(i + 1, i + 3).map((t) => `'${t}'`).join(', ')}],`),
      '};',
      '',
      `export function can${d.Type}Transition(from: ${d.Type}Status, to: ${d.Type}Status): boolean {`,
      `  return ${d.value}Transitions[from].includes(to);`,
      '}',
    );
    for (let n = 0; file.length < target - 2; n++) {
      file.add(
        '',
        `export interface ${d.Type}Event${n} {`,
        `  type: '${d.value}.${random.pick(['created', 'updated', 'archived', 'exported', 'synced'])}.v${n}';`,
        `  ${d.value}Id: string;`,
        '  occurredAt: Date;',
        `  payload: Pick<${d.Type}, ${d.fields.slice(0, 2).map((f) => `'${f.name}'`).join(' | ')}>;`,
        '}',
      );
    }
  },

  model(file, { domain: d }, random, plan) {
    const target = Math.max(52, random.length() - 40);
    const typesImport = `import type { ${d.Type}, ${d.Type}Status } from './${d.noun}.types.js';`;
    const register = (line) =>
      plan.duplicateRegistrations.has(registrationKey(d)) ? file.defect(line, 'duplicateRegistration', 'no-duplicate-entity') : file.add(line);
    if (d.area.driver === 'typeorm') {
      file.add(
        "import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';",
        '',
        typesImport,
        '',
      );
      register(`@Entity('${d.table}')`);
      file.add(
        `@Index(['status', 'createdAt'])`,
        `export class ${d.Type}Entity {`,
        "  @PrimaryGeneratedColumn('uuid')",
        '  id!: string;',
        '',
        `  @Column({ type: 'varchar', length: 32, default: '${d.statuses[0]}' })`,
        `  status!: ${d.Type}Status;`,
        ...d.fields.flatMap((f) => ['', `  @Column({ nullable: ${f.ts.includes('null')} })`, `  ${f.name}!: ${f.ts};`]),
        '',
        '  @CreateDateColumn()',
        '  createdAt!: Date;',
        '',
        '  @UpdateDateColumn()',
        '  updatedAt!: Date;',
        '}',
        '',
        `export function to${d.Type}(entity: ${d.Type}Entity): ${d.Type} {`,
        `  return { ...entity };`,
        '}',
      );
    } else if (d.area.driver === 'mongoose') {
      file.add(
        "import { Schema, model } from 'mongoose';",
        '',
        typesImport,
        '',
        `const ${d.value}Schema = new Schema<${d.Type}>(`,
        '  {',
        `    status: { type: String, required: true, default: '${d.statuses[0]}' },`,
        ...d.fields.map((f) => `    ${f.name}: { type: ${f.mongo}, required: ${!f.ts.includes('null')} },`),
        '  },',
        '  { timestamps: true },',
        ');',
        '',
        `${d.value}Schema.index({ status: 1, createdAt: -1 });`,
        '',
      );
      register(`export const ${d.Type}Model = model<${d.Type}>('${d.Type}', ${d.value}Schema);`);
      file.add(
        '',
        `export function to${d.Type}(document: ${d.Type} & { _id?: unknown }): ${d.Type} {`,
        '  const { _id, ...rest } = document;',
        `  return { ...rest, id: String(_id ?? rest.id) } as ${d.Type};`,
        '}',
        '',
        `export function is${d.Type}Status(value: string): value is ${d.Type}Status {`,
        `  return [${d.statuses.map((s) => `'${s}'`).join(', ')}].includes(value);`,
        '}',
      );
    } else {
      file.add(
        typesImport,
        '',
        `export interface ${d.Type}Row {`,
        '  id: string;',
        '  status: string;',
        ...d.fields.map((f) => `  ${snake(f.name).replace(/([A-Z])/g, '_$1').toLowerCase()}: ${f.ts};`),
        '  created_at: Date;',
        '  updated_at: Date;',
        '}',
        '',
        `export function to${d.Type}(row: ${d.Type}Row): ${d.Type} {`,
        '  return {',
        '    id: row.id,',
        `    status: row.status as ${d.Type}Status,`,
        ...d.fields.map((f) => `    ${f.name}: row.${snake(f.name).replace(/([A-Z])/g, '_$1').toLowerCase()},`),
        '    createdAt: row.created_at,',
        '    updatedAt: row.updated_at,',
        '  };',
        '}',
        '',
        `export function to${d.Type}Row(entity: ${d.Type}): ${d.Type}Row {`,
        '  return {',
        '    id: entity.id,',
        '    status: entity.status,',
        ...d.fields.map((f) => `    ${snake(f.name).replace(/([A-Z])/g, '_$1').toLowerCase()}: entity.${f.name},`),
        '    created_at: entity.createdAt,',
        '    updated_at: entity.updatedAt,',
        '  };',
        '}',
      );
    }
    fillWithUtilities(file, random, target);
  },

  repository(file, { domain: d }, random) {
    const target = random.length();
    const code = driverCode[d.area.driver];
    const f0 = d.fields[0].name;
    const f1 = (d.fields[1] ?? d.fields[0]).name;
    file.add(
      code.typeImport,
      '',
      `import type { ${d.Type}, ${d.Type}Patch, ${d.Type}Status, New${d.Type} } from './${d.noun}.types.js';`,
      d.area.driver === 'typeorm'
        ? `import { ${d.Type}Entity, to${d.Type} } from './${d.noun}.model.js';`
        : d.area.driver === 'mongoose'
          ? `import { ${d.Type}Model, to${d.Type} } from './${d.noun}.model.js';`
          : `import { type ${d.Type}Row, to${d.Type} } from './${d.noun}.model.js';`,
      "import { type Page, type PageRequest, toPage } from '../../shared/pagination.js';",
      "import { NotFoundError } from '../../shared/errors.js';",
      '',
      `export class ${d.Type}Repository {`,
      `  constructor(private readonly db: ${code.clientType}) {}`,
    );
    const cast = (expression) =>
      d.area.driver === 'typeorm' || d.area.driver === 'mongoose' ? expression : `${expression} as ${d.Type}Row | undefined`;
    if (d.area.driver === 'typeorm') {
      file.add('', `  private get repository() {`, `    return this.db.getRepository(${d.Type}Entity);`, '  }');
    }
    file.add(
      '',
      `  async findById(id: string): Promise<${d.Type} | null> {`,
      `    const found = ${cast(code.findOne(d, 'id', 'id'))};`,
      `    return found ? to${d.Type}(found) : null;`,
      '  }',
      '',
      `  async getById(id: string): Promise<${d.Type}> {`,
      '    const found = await this.findById(id);',
      `    if (!found) throw new NotFoundError('${d.Type}', id);`,
      '    return found;',
      '  }',
      '',
      `  async create(input: New${d.Type}): Promise<${d.Type}> {`,
      `    const created = ${cast(code.insert(d, `{ ...input, status: input.status ?? '${d.statuses[0]}' }`))};`,
      `    return to${d.Type}(created!);`,
      '  }',
      '',
      `  async update(id: string, patch: ${d.Type}Patch): Promise<${d.Type}> {`,
      `    const updated = ${cast(code.update(d, 'id', '{ ...patch, updatedAt: new Date() }'))};`,
      `    if (!updated) throw new NotFoundError('${d.Type}', id);`,
      `    return to${d.Type}(updated);`,
      '  }',
      '',
      '  async delete(id: string): Promise<void> {',
      `    ${code.remove(d, 'id')};`,
      '  }',
      '',
      `  async listByStatus(status: ${d.Type}Status, request: PageRequest): Promise<Page<${d.Type}>> {`,
      `    const rows = ${code.findMany(d, 'status', 'status', 'request.size')};`,
      `    const total = ${code.count(d, 'status', 'status')};`,
      `    return toPage(rows.map((row: unknown) => to${d.Type}(row as never)), request, total);`,
      '  }',
    );
    const extras = [
      (n) => [
        '',
        `  async findBy${pascal(f0)}${n}(value: ${d.Type}['${f0}']): Promise<${d.Type}[]> {`,
        `    const rows = ${code.findMany(d, f0, 'value', 50)};`,
        `    return rows.map((row: unknown) => to${d.Type}(row as never));`,
        '  }',
      ],
      (n) => [
        '',
        `  async count${pascal(f1)}${n}(value: ${d.Type}['${f1}']): Promise<number> {`,
        `    return ${code.count(d, f1, 'value')};`,
        '  }',
      ],
      (n) => [
        '',
        `  async transition${n}(id: string, from: ${d.Type}Status, to: ${d.Type}Status): Promise<${d.Type}> {`,
        '    const current = await this.getById(id);',
        '    if (current.status !== from) {',
        `      throw new Error(\`${d.Type} \${id} is \${current.status}, expected \${from}\`);`,
        '    }',
        '    return this.update(id, { status: to });',
        '  }',
      ],
      (n) => [
        '',
        `  async createMany${n}(inputs: readonly New${d.Type}[]): Promise<${d.Type}[]> {`,
        `    const created: ${d.Type}[] = [];`,
        '    for (const input of inputs) {',
        '      created.push(await this.create(input));',
        '    }',
        '    return created;',
        '  }',
      ],
      (n) => [
        '',
        `  async archiveOlderThan${n}(cutoff: Date, status: ${d.Type}Status): Promise<number> {`,
        `    const rows = ${code.findMany(d, 'status', 'status', 500)};`,
        '    let archived = 0;',
        '    for (const row of rows as { id: string; createdAt?: Date; created_at?: Date }[]) {',
        '      const createdAt = row.createdAt ?? row.created_at;',
        '      if (createdAt && createdAt < cutoff) {',
        '        await this.delete(row.id);',
        '        archived++;',
        '      }',
        '    }',
        '    return archived;',
        '  }',
      ],
    ];
    for (let n = 0; file.length < target - 3; n++) file.add(...random.pick(extras)(n));
    file.add('}');
  },

  service(file, { domain: d }, random) {
    const target = Math.max(58, random.length());
    const usesSingleton = random.chance(0.35);
    const code = driverCode[d.area.driver];
    const f0 = d.fields[0];
    file.add(
      `import { ${d.Type}Repository } from './${d.noun}.repository.js';`,
      `import { type ${d.Type}, type ${d.Type}Status, type New${d.Type}, can${d.Type}Transition } from './${d.noun}.types.js';`,
      "import { type Clock, systemClock } from '../../shared/clock.js';",
      "import { ConflictError, ValidationError } from '../../shared/errors.js';",
      "import { type Logger, rootLogger } from '../../shared/logger.js';",
    );
    if (usesSingleton) file.add(`import { ${code.singleton} } from '../db.js';`);
    if (d.area.cache) file.add(`import { cached, invalidate, ${d.area.name}CacheKeys } from '../cache.js';`);
    file.add(
      '',
      `export class ${d.Type}Service {`,
      `  private readonly logger: Logger;`,
      '',
      '  constructor(',
      `    private readonly repository: ${d.Type}Repository,`,
      '    private readonly clock: Clock = systemClock,',
      '    logger: Logger = rootLogger,',
      '  ) {',
      `    this.logger = logger.child({ service: '${d.Type}Service' });`,
      '  }',
      '',
      `  async create(input: New${d.Type}): Promise<${d.Type}> {`,
      '    const issues: string[] = [];',
      f0.ts === 'string' ? `    if (input.${f0.name}.trim() === '') issues.push('${f0.name} is required');` : `    if (input.${f0.name} === undefined) issues.push('${f0.name} is required');`,
      '    if (issues.length > 0) throw new ValidationError(issues);',
      '    const created = await this.repository.create(input);',
      `    this.logger.info('${d.value} created', { id: created.id });`,
      '    return created;',
      '  }',
      '',
      `  async get(id: string): Promise<${d.Type}> {`,
      d.area.cache
        ? `    return cached(${d.area.name}CacheKeys.entity('${d.value}', id), 60, () => this.repository.getById(id));`
        : '    return this.repository.getById(id);',
      '  }',
      '',
      `  async changeStatus(id: string, next: ${d.Type}Status): Promise<${d.Type}> {`,
      '    const current = await this.repository.getById(id);',
      `    if (!can${d.Type}Transition(current.status, next)) {`,
      `      throw new ConflictError(\`cannot move ${d.value} \${id} from \${current.status} to \${next}\`);`,
      '    }',
      '    const updated = await this.repository.update(id, { status: next, updatedAt: this.clock.now() });',
      d.area.cache ? `    await invalidate(${d.area.name}CacheKeys.entity('${d.value}', id));` : `    this.logger.debug('${d.value} status changed', { id, next });`,
      '    return updated;',
      '  }',
    );
    const blocks = [
      (n) => [
        '',
        `  async bulkChangeStatus${n}(ids: readonly string[], next: ${d.Type}Status): Promise<{ changed: string[]; skipped: string[] }> {`,
        '    const changed: string[] = [];',
        '    const skipped: string[] = [];',
        '    for (const id of ids) {',
        '      try {',
        '        await this.changeStatus(id, next);',
        '        changed.push(id);',
        '      } catch (error) {',
        `        this.logger.warn('skipped ${d.value}', { id, error: String(error) });`,
        '        skipped.push(id);',
        '      }',
        '    }',
        '    return { changed, skipped };',
        '  }',
      ],
      (n) => [
        '',
        `  summarize${n}(items: readonly ${d.Type}[]): Record<${d.Type}Status, number> {`,
        `    const summary = {} as Record<${d.Type}Status, number>;`,
        '    for (const item of items) {',
        '      summary[item.status] = (summary[item.status] ?? 0) + 1;',
        '    }',
        '    return summary;',
        '  }',
      ],
      (n) => [
        '',
        `  isOverdue${n}(item: ${d.Type}, maxAgeDays = 30): boolean {`,
        '    const ageMs = this.clock.now().getTime() - item.createdAt.getTime();',
        `    return item.status === '${d.statuses[0]}' && ageMs > maxAgeDays * 86_400_000;`,
        '  }',
      ],
      (n) => [
        '',
        `  async duplicate${n}(id: string): Promise<${d.Type}> {`,
        '    const source = await this.repository.getById(id);',
        '    const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = source;',
        `    return this.repository.create({ ...rest, status: '${d.statuses[0]}' });`,
        '  }',
      ],
      (n) => [
        '',
        `  async export${n}(ids: readonly string[]): Promise<string> {`,
        `    const rows: ${d.Type}[] = [];`,
        '    for (const id of ids) rows.push(await this.get(id));',
        `    const header = ['id', 'status', ${d.fields.map((f) => `'${f.name}'`).join(', ')}].join(',');`,
        '    const lines = rows.map((row) =>',
        `      [row.id, row.status, ${d.fields.map((f) => `String(row.${f.name})`).join(', ')}].map((cell) => JSON.stringify(cell)).join(','),`,
        '    );',
        "    return [header, ...lines].join('\\n');",
        '  }',
      ],
    ];
    for (let n = 0; file.length < target - 6; n++) file.add(...random.pick(blocks)(n));
    file.add('}');
    if (usesSingleton) {
      file.add('', `export const ${d.value}Service = new ${d.Type}Service(new ${d.Type}Repository(${code.singleton}));`);
    }
  },

  mapper(file, { domain: d }, random) {
    const target = Math.max(52, random.length() - 30);
    file.add(
      `import type { ${d.Type} } from './${d.noun}.types.js';`,
      '',
      `export interface ${d.Type}Dto {`,
      '  id: string;',
      '  status: string;',
      ...d.fields.map((f) => `  ${f.name}: ${f.ts === 'Date' ? 'string' : f.ts};`),
      '  createdAt: string;',
      '  updatedAt: string;',
      '}',
      '',
      `export function to${d.Type}Dto(entity: ${d.Type}): ${d.Type}Dto {`,
      '  return {',
      '    id: entity.id,',
      '    status: entity.status,',
      ...d.fields.map((f) => `    ${f.name}: entity.${f.name}${f.ts === 'Date' ? '.toISOString()' : ''},`),
      '    createdAt: entity.createdAt.toISOString(),',
      '    updatedAt: entity.updatedAt.toISOString(),',
      '  };',
      '}',
      '',
      `export function from${d.Type}Dto(dto: ${d.Type}Dto): ${d.Type} {`,
      '  return {',
      '    ...dto,',
      `    status: dto.status as ${d.Type}['status'],`,
      ...d.fields.filter((f) => f.ts === 'Date').map((f) => `    ${f.name}: new Date(dto.${f.name}),`),
      '    createdAt: new Date(dto.createdAt),',
      '    updatedAt: new Date(dto.updatedAt),',
      '  };',
      '}',
    );
    fillWithUtilities(file, random, target, 100);
  },

  validation(file, { domain: d }, random) {
    const target = Math.max(52, random.length() - 30);
    file.add(
      `import type { New${d.Type} } from './${d.noun}.types.js';`,
      '',
      'export interface Issue {',
      '  path: string;',
      '  message: string;',
      '}',
      '',
      `export function validateNew${d.Type}(input: Partial<New${d.Type}>): Issue[] {`,
      '  const issues: Issue[] = [];',
    );
    for (const f of d.fields) {
      if (f.ts === 'string') {
        file.add(
          `  if (typeof input.${f.name} !== 'string' || input.${f.name}.length === 0) {`,
          `    issues.push({ path: '${f.name}', message: 'must be a non-empty string' });`,
          `  } else if (input.${f.name}.length > 255) {`,
          `    issues.push({ path: '${f.name}', message: 'must be at most 255 characters' });`,
          '  }',
        );
      } else if (f.ts === 'number') {
        file.add(
          `  if (typeof input.${f.name} !== 'number' || !Number.isFinite(input.${f.name})) {`,
          `    issues.push({ path: '${f.name}', message: 'must be a finite number' });`,
          '  }',
        );
      } else {
        file.add(`  if (input.${f.name} === undefined) issues.push({ path: '${f.name}', message: 'is required' });`);
      }
    }
    file.add('  return issues;', '}', '', `export function assertValid${d.Type}(input: Partial<New${d.Type}>): asserts input is New${d.Type} {`, `  const issues = validateNew${d.Type}(input);`, "  if (issues.length > 0) throw new Error(issues.map((issue) => `${issue.path} ${issue.message}`).join(', '));", '}');
    fillWithUtilities(file, random, target, 200);
  },

  // ---------------------------------------------------------------------------------------- tests

  serviceTest(file, { domain: d }, random) {
    const target = random.length();
    const jest = d.area.runner === 'jest';
    const mock = jest ? 'jest.fn' : 'vi.fn';
    if (jest) {
      if (random.chance(0.5)) file.add("import { beforeEach, describe, expect, it, jest } from '@jest/globals';", '');
    } else {
      file.add("import { beforeEach, describe, expect, it, vi } from 'vitest';", '');
    }
    file.add(
      `import { ${d.Type}Service } from './${d.noun}.service.js';`,
      `import type { ${d.Type}Repository } from './${d.noun}.repository.js';`,
      `import type { ${d.Type} } from './${d.noun}.types.js';`,
      "import { fixedClock } from '../../shared/clock.js';",
      '',
      `function make${d.Type}(overrides: Partial<${d.Type}> = {}): ${d.Type} {`,
      '  return {',
      `    id: '${d.value}-1',`,
      `    status: '${d.statuses[0]}',`,
      ...d.fields.map((f) => `    ${f.name}: ${f.sample},`),
      "    createdAt: new Date('2024-01-01T00:00:00Z'),",
      "    updatedAt: new Date('2024-01-01T00:00:00Z'),",
      '    ...overrides,',
      '  };',
      '}',
      '',
      `describe('${d.Type}Service', () => {`,
      `  let repository: { [K in keyof ${d.Type}Repository]: ReturnType<typeof ${mock}> };`,
      `  let service: ${d.Type}Service;`,
      '',
      '  beforeEach(() => {',
      '    repository = {',
      `      findById: ${mock}(),`,
      `      getById: ${mock}(async (id: string) => make${d.Type}({ id })),`,
      `      create: ${mock}(async (input: object) => make${d.Type}(input)),`,
      `      update: ${mock}(async (id: string, patch: object) => make${d.Type}({ id, ...patch })),`,
      `      delete: ${mock}(),`,
      `      listByStatus: ${mock}(),`,
      '    } as never;',
      `    service = new ${d.Type}Service(repository as never, fixedClock(new Date('2024-02-01T00:00:00Z')));`,
      '  });',
    );
    const next = d.statuses[1];
    const cases = [
      (n) => [
        '',
        `  it('creates a ${d.value} (${n})', async () => {`,
        `    const created = await service.create(make${d.Type}());`,
        `    expect(created.id).toBe('${d.value}-1');`,
        '    expect(repository.create).toHaveBeenCalledTimes(1);',
        '  });',
      ],
      (n) => [
        '',
        `  it('moves a ${d.value} to ${next} (${n})', async () => {`,
        `    const updated = await service.changeStatus('${d.value}-${n}', '${next}');`,
        `    expect(updated.status).toBe('${next}');`,
        `    expect(repository.update).toHaveBeenCalledWith('${d.value}-${n}', expect.objectContaining({ status: '${next}' }));`,
        '  });',
      ],
      (n) => [
        '',
        `  it('rejects an impossible transition (${n})', async () => {`,
        `    repository.getById.mockResolvedValueOnce(make${d.Type}({ status: '${d.statuses.at(-1)}' }));`,
        `    await expect(service.changeStatus('${d.value}-${n}', '${d.statuses[0]}')).rejects.toThrow(/cannot move/);`,
        '    expect(repository.update).not.toHaveBeenCalled();',
        '  });',
      ],
      (n) => [
        '',
        `  it('reads through the repository (${n})', async () => {`,
        `    const found = await service.get('${d.value}-${n}');`,
        `    expect(found).toMatchObject({ id: '${d.value}-${n}', status: '${d.statuses[0]}' });`,
        '  });',
      ],
      (n) => [
        '',
        `  describe('when the repository fails (${n})', () => {`,
        '    beforeEach(() => {',
        "      repository.getById.mockRejectedValue(new Error('connection reset'));",
        '    });',
        '',
        `    it('propagates the error', async () => {`,
        `      await expect(service.get('${d.value}-${n}')).rejects.toThrow('connection reset');`,
        '    });',
        '  });',
      ],
    ];
    for (let n = 0; file.length < target - 2; n++) file.add(...random.pick(cases)(n));
    file.add('});');
  },

  repositoryTest(file, { domain: d }, random) {
    renderIntegrationTest(file, d, random, { subject: 'repository' });
  },

  integrationTest(file, { domain: d }, random) {
    if (d.kinds.has('fixtures') && random.chance(0.6)) renderFixtureTest(file, d, random);
    else renderIntegrationTest(file, d, random, { subject: 'service' });
  },

  mapperTest(file, { domain: d }, random) {
    const target = Math.max(52, random.length() - 40);
    const jest = d.area.runner === 'jest';
    if (!jest) file.add("import { describe, expect, it } from 'vitest';", '');
    file.add(
      `import { from${d.Type}Dto, to${d.Type}Dto } from './${d.noun}.mapper.js';`,
      `import type { ${d.Type} } from './${d.noun}.types.js';`,
      '',
      `const sample: ${d.Type} = {`,
      `  id: '${d.value}-7',`,
      `  status: '${d.statuses[0]}',`,
      ...d.fields.map((f) => `  ${f.name}: ${f.sample},`),
      "  createdAt: new Date('2024-01-01T00:00:00Z'),",
      "  updatedAt: new Date('2024-01-02T00:00:00Z'),",
      '};',
      '',
      `describe('${d.noun} mapper', () => {`,
      "  it('round-trips through the DTO', () => {",
      `    expect(from${d.Type}Dto(to${d.Type}Dto(sample))).toEqual(sample);`,
      '  });',
      '',
      "  it('serialises dates as ISO strings', () => {",
      `    const dto = to${d.Type}Dto(sample);`,
      "    expect(dto.createdAt).toBe('2024-01-01T00:00:00.000Z');",
      "    expect(dto.updatedAt).toBe('2024-01-02T00:00:00.000Z');",
      '  });',
    );
    for (let n = 0; file.length < target - 2; n++) {
      const status = d.statuses[n % d.statuses.length];
      file.add(
        '',
        `  it.each([${d.fields.slice(0, 2).map((f) => f.sample).join(', ')}])('keeps field values (%s, case ${n})', (value) => {`,
        `    const dto = to${d.Type}Dto({ ...sample, status: '${status}' });`,
        `    expect(dto.status).toBe('${status}');`,
        '    expect(value).toBeDefined();',
        '  });',
      );
    }
    file.add('});');
  },

  validationTest(file, { domain: d }, random) {
    const target = Math.max(52, random.length() - 40);
    const jest = d.area.runner === 'jest';
    if (!jest) file.add("import { describe, expect, it } from 'vitest';", '');
    file.add(
      `import { assertValid${d.Type}, validateNew${d.Type} } from './${d.noun}.validation.js';`,
      '',
      `const valid = {`,
      ...d.fields.map((f) => `  ${f.name}: ${f.sample},`),
      '};',
      '',
      `describe('validateNew${d.Type}', () => {`,
      "  it('accepts a valid input', () => {",
      `    expect(validateNew${d.Type}(valid)).toEqual([]);`,
      `    expect(() => assertValid${d.Type}(valid)).not.toThrow();`,
      '  });',
    );
    for (let n = 0; file.length < target - 2; n++) {
      const f = d.fields[n % d.fields.length];
      file.add(
        '',
        `  it('reports a missing ${f.name} (${n})', () => {`,
        `    const { ${f.name}: _omitted, ...rest } = valid;`,
        `    const issues = validateNew${d.Type}(rest);`,
        `    expect(issues.map((issue) => issue.path)).toContain('${f.name}');`,
        '  });',
      );
    }
    file.add('});');
  },

  sharedTest(file, entry, random) {
    file.add("import { describe, expect, it } from 'vitest';", '', "import { chunk0, groupBy0 } from '../../src/shared/collections.js';", '');
    file.add(`describe('${entry.name} helpers', () => {`);
    for (let n = 0; file.length < Math.max(52, random.length() - 60); n++) {
      file.add(
        `  it('chunks ${n + 2} items', () => {`,
        `    expect(chunk0(Array.from({ length: ${n + 2} }, (_, i) => i), 2)).toHaveLength(${Math.ceil((n + 2) / 2)});`,
        `    expect(groupBy0(['a', 'b', 'a'], (x) => x).get('a')).toHaveLength(2);`,
        '  });',
      );
    }
    file.add('});');
  },

  // ---------------------------------------------------------------------------------------- fixtures

  fixtures(file, { domain: d }, random) {
    renderFixtureFile(file, d, random);
  },

  factories(file, { domain: d }, random) {
    const from = file.path;
    file.add(
      `import type { ${d.Type}, New${d.Type} } from '${importPath(from, `${d.dir}/${d.noun}.types.ts`)}';`,
      '',
      'let sequence = 0;',
      '',
      `export function build${d.Type}(overrides: Partial<New${d.Type}> = {}): New${d.Type} {`,
      '  sequence++;',
      '  return {',
      ...d.fields.map((f) => `    ${f.name}: ${f.ts === 'string' ? `\`${f.name}-\${sequence}\`` : f.sample},`),
      '    ...overrides,',
      '  };',
      '}',
      '',
      `export function build${d.Type}List(count: number, overrides: Partial<New${d.Type}> = {}): New${d.Type}[] {`,
      `  return Array.from({ length: count }, () => build${d.Type}(overrides));`,
      '}',
      '',
      `export function stored${d.Type}(overrides: Partial<${d.Type}> = {}): ${d.Type} {`,
      '  return {',
      `    ...build${d.Type}(),`,
      '    id: `' + d.value + '-${sequence}`,',
      `    status: '${d.statuses[0]}',`,
      "    createdAt: new Date('2024-01-01T00:00:00Z'),",
      "    updatedAt: new Date('2024-01-01T00:00:00Z'),",
      '    ...overrides,',
      '  };',
      '}',
    );
    fillWithUtilities(file, random, Math.max(52, random.length() - 60), 300);
  },

  sharedFactory(file, entry, random) {
    file.add(`// Test data for the ${entry.name} helpers.`, '', 'export const words = [');
    for (let n = 0; file.length < 50; n++) file.add(`  'word-${n}',`);
    file.add('];');
    fillWithUtilities(file, random, 60, 400);
  },

  globalSetup(file, { area }, random) {
    const code = driverCode[area.driver];
    const client = code.singleton;
    const defective = random.chance(0.4);
    file.add(
      `// Global setup for the ${area.name} integration tests: one database per run, migrated once.`,
      code.valueImport,
      '',
      `let ${client}: ${code.declaredType};`,
      '',
      "const migrations = ['001_init', '002_indexes', '003_audit', '004_soft_delete'];",
      '',
      'export async function setup(): Promise<void> {',
      `  process.env.DATABASE_URL ??= 'postgres://test:test@localhost:5432/${area.name}_test';`,
      `  ${client} = ${code.create()};`,
      `  await ${code.open(client)};`,
      '  for (const migration of migrations) {',
      `    console.log(\`applying \${migration} for ${area.name}\`);`,
      '  }',
      '}',
      '',
      'export async function teardown(): Promise<void> {',
    );
    if (defective) file.defect(`  ${code.release(client)};`, 'unawaitedResourceCall');
    else file.add(`  await ${code.release(client)};`);
    file.add('}');
    fillWithUtilities(file, random, Math.min(70, random.length()), 500);
  },

  setupFile(file, { area }, random) {
    // A jest/vitest `setupFiles` module with global hooks (no imports of the runner).
    const code = driverCode[area.driver];
    const client = code.singleton;
    file.add(
      `import { ${client} } from '${importPath(file.path, `src/${area.name}/db.ts`)}';`,
      area.cache ? `import { redis } from '${importPath(file.path, `src/${area.name}/cache.ts`)}';` : '',
      '',
      'beforeAll(async () => {',
      `  await ${code.open(client)};`,
      '});',
      '',
    );
    if (random.chance(0.35)) {
      file.add('afterAll(() => {');
      file.defect(`  ${code.release(client)};`, 'unawaitedResourceCall');
      file.add('});');
    } else if (area.cache) {
      file.add('afterAll(async () => {', `  await Promise.all([${code.release(client)}, redis.quit()]);`, '});');
    } else {
      file.add(`afterAll(() => ${code.release(client)});`);
    }
    if (area.cache) file.add('', 'afterEach(async () => {', '  await redis.flushdb();', '});');
    fillWithUtilities(file, random, 52, 600);
  },
};

// Integration tests: a real client per file, opened and closed in hooks. About a third carry a defect.
function renderIntegrationTest(file, d, random, { subject }) {
  const target = random.length();
  const area = d.area;
  const jest = area.runner === 'jest';
  const code = driverCode[area.driver];
  const from = file.path;
  const style = random.pick(['local', 'local', 'singleton']);
  const defect = random.chance(0.35) ? random.pick(['syncRelease', 'asyncRelease', 'syncOpen', 'syncHelper', 'thenChain']) : undefined;
  const importsRunner = !jest || random.chance(0.5);
  const hooks = 'afterAll, beforeAll, beforeEach, describe, expect, it';
  if (importsRunner) file.add(jest ? `import { ${hooks} } from '@jest/globals';` : `import { ${hooks} } from 'vitest';`);
  let client = code.singleton;
  const localClient = style === 'local' && area.driver !== 'mongoose';
  if (localClient) file.add(code.valueImport);
  if (area.driver === 'mongoose') file.add(code.valueImport);
  file.add('');
  if (area.driver === 'typeorm') file.add(`import { ${d.Type}Entity } from './${d.noun}.model.js';`);
  file.add(`import { ${d.Type}Repository } from './${d.noun}.repository.js';`);
  if (subject === 'service') file.add(`import { ${d.Type}Service } from './${d.noun}.service.js';`);
  if (!localClient && area.driver !== 'mongoose') file.add(`import { ${client} } from '${importPath(from, `src/${area.name}/db.ts`)}';`);
  if (d.kinds.has('factories')) {
    file.add(`import { build${d.Type} } from '${importPath(from, `test/fixtures/${area.name}/${d.noun}.factories.ts`)}';`);
  }
  file.add('');

  // Where the client comes from: a module-level const, or a `let` assigned in `beforeAll`.
  let create = [];
  if (area.driver === 'mongoose') {
    client = 'mongoose';
  } else if (localClient) {
    if (area.driver === 'typeorm' || random.chance(0.5)) {
      const args = area.driver === 'typeorm' ? `[${d.Type}Entity]` : undefined;
      file.add(`const ${client} = ${code.create(args)};`, '');
    } else {
      file.add(`let ${client}: ${code.declaredType};`, '');
      create = [`    ${client} = ${code.create()};`];
    }
  }
  const open = area.driver === 'mongoose' ? "mongoose.connect(process.env.MONGO_URL ?? 'mongodb://localhost:27017/test')" : code.open(client);
  const release = area.driver === 'mongoose' ? 'mongoose.disconnect()' : code.release(client);
  const cleanupCall = area.driver === 'mongoose' ? 'mongoose.connection.dropDatabase()' : code.cleanup(client, d);

  if (defect === 'syncHelper' || defect === 'thenChain' || random.chance(0.3)) {
    file.add(
      'async function resetTables(): Promise<void> {',
      `  await ${cleanupCall};`,
      '}',
      '',
    );
  }

  file.add(`describe('${d.Type}${pascal(subject)} (integration)', () => {`);
  file.add(`  let repository: ${d.Type}Repository;`);
  if (subject === 'service') file.add(`  let service: ${d.Type}Service;`);
  file.add('');

  // beforeAll
  if (defect === 'syncOpen') {
    file.add('  beforeAll(() => {', ...create);
    file.defect(`    ${open};`, 'unawaitedResourceCall');
  } else if (defect === 'thenChain') {
    file.add('  beforeAll(() => {', ...create);
    file.defect(`    resetTables().then(() => console.log('tables reset'));`, 'promiseInSyncCallback');
  } else {
    file.add('  beforeAll(async () => {', ...create, `    await ${open};`);
  }
  const dbArg = area.driver === 'mongoose' ? 'mongoose.connection as never' : client;
  file.add(`    repository = new ${d.Type}Repository(${dbArg});`);
  if (subject === 'service') file.add(`    service = new ${d.Type}Service(repository);`);
  file.add('  });', '');

  // beforeEach
  if (defect === 'syncHelper') {
    file.add('  beforeEach(() => {');
    file.defect('    resetTables();', 'promiseInSyncCallback');
    file.add('  });', '');
  } else if (area.driver !== 'mongoose') {
    file.add('  beforeEach(async () => {', `    await ${cleanupCall};`, '  });', '');
  }

  // afterAll
  if (defect === 'syncRelease') {
    file.add('  afterAll(() => {');
    file.defect(`    ${release};`, 'unawaitedResourceCall');
    file.add('  });');
  } else if (defect === 'asyncRelease') {
    file.add('  afterAll(async () => {', `    console.log('closing ${d.noun} test database');`);
    file.defect(`    ${release};`, 'unawaitedResourceCall');
    file.add('  });');
  } else {
    file.add(random.pick([`  afterAll(async () => {\n    await ${release};\n  });`, `  afterAll(() => ${release});`, `  afterAll(() => {\n    return ${release};\n  });`]));
  }

  const sample = d.kinds.has('factories') ? `build${d.Type}()` : `{ ${d.fields.map((f) => `${f.name}: ${f.sample}`).join(', ')} }`;
  const next = d.statuses[1];
  const cases = [
    (n) => [
      '',
      `  it('stores and reads a ${d.value} (${n})', async () => {`,
      `    const created = await repository.create(${sample});`,
      '    const found = await repository.findById(created.id);',
      `    expect(found?.status).toBe('${d.statuses[0]}');`,
      '  });',
    ],
    (n) => [
      '',
      `  it('updates the status (${n})', async () => {`,
      `    const created = await repository.create(${sample});`,
      `    const updated = await repository.update(created.id, { status: '${next}' });`,
      `    expect(updated.status).toBe('${next}');`,
      '  });',
    ],
    (n) => [
      '',
      `  it('pages by status (${n})', async () => {`,
      `    for (let i = 0; i < 5; i++) await repository.create(${sample});`,
      `    const page = await repository.listByStatus('${d.statuses[0]}', { page: 1, size: 2 });`,
      '    expect(page.items).toHaveLength(2);',
      '    expect(page.hasNext).toBe(true);',
      '  });',
    ],
    (n) => [
      '',
      `  it('deletes (${n})', async () => {`,
      `    const created = await repository.create(${sample});`,
      '    await repository.delete(created.id);',
      '    expect(await repository.findById(created.id)).toBeNull();',
      '  });',
    ],
  ];
  if (subject === 'service') {
    cases.push((n) => [
      '',
      `  it('moves through the service (${n})', async () => {`,
      `    const created = await service.create(${sample});`,
      `    await expect(service.changeStatus(created.id, '${next}')).resolves.toMatchObject({ status: '${next}' });`,
      '  });',
    ]);
  }
  for (let n = 0; file.length < target - 2; n++) file.add(...random.pick(cases)(n));
  file.add('});');
}

// Tests that take their database from a `test.extend` fixture module.
function renderFixtureTest(file, d, random) {
  const target = random.length();
  file.add(
    "import { describe, expect } from 'vitest';",
    '',
    `import { test } from '${importPath(file.path, `test/fixtures/${d.area.name}/${d.noun}.fixtures.ts`)}';`,
    '',
    `describe('${d.Type}Service with fixtures', () => {`,
  );
  const next = d.statuses[1];
  for (let n = 0; file.length < target - 2; n++) {
    file.add(
      `  test('creates and transitions (${n})', async ({ service, sample${d.Type} }) => {`,
      `    const moved = await service.changeStatus(sample${d.Type}.id, '${next}');`,
      `    expect(moved.status).toBe('${next}');`,
      '  });',
      '',
      `  test('reads the sample back (${n})', async ({ repository, sample${d.Type} }) => {`,
      `    await expect(repository.getById(sample${d.Type}.id)).resolves.toEqual(sample${d.Type});`,
      '  });',
      '',
    );
  }
  file.add('});');
}

// vitest `test.extend` fixture modules: a worker-scoped client, a repository, a service and a sample row.
function renderFixtureFile(file, d, random) {
  const area = d.area;
  const code = driverCode[area.driver];
  const from = file.path;
  const defect = random.chance(0.35) ? random.pick(['unawaitedUse', 'releaseAfterUse']) : undefined;
  file.add("import { test as base } from 'vitest';");
  if (area.driver !== 'mongoose') file.add(code.valueImport);
  else file.add("import mongoose, { type Connection } from 'mongoose';");
  file.add(
    '',
    `import { ${d.Type}Repository } from '${importPath(from, `${d.dir}/${d.noun}.repository.ts`)}';`,
    `import { ${d.Type}Service } from '${importPath(from, `${d.dir}/${d.noun}.service.ts`)}';`,
    `import type { ${d.Type} } from '${importPath(from, `${d.dir}/${d.noun}.types.ts`)}';`,
  );
  if (area.driver === 'typeorm') file.add(`import { ${d.Type}Entity } from '${importPath(from, `${d.dir}/${d.noun}.model.ts`)}';`);
  const clientType = area.driver === 'mongoose' ? 'Connection' : code.declaredType;
  file.add(
    '',
    `interface ${d.Type}Fixtures {`,
    `  client: ${clientType};`,
    `  repository: ${d.Type}Repository;`,
    `  service: ${d.Type}Service;`,
    `  sample${d.Type}: ${d.Type};`,
    '}',
    '',
    `export const test = base.extend<${d.Type}Fixtures>({`,
    '  client: [',
    '    async ({}, use) => {',
    `      const client = ${area.driver === 'typeorm' ? code.create(`[${d.Type}Entity]`) : code.create()};`,
    `      await ${code.open('client')};`,
  );
  if (defect === 'releaseAfterUse') {
    file.add('      await use(client);');
    file.defect(`      ${code.release('client')};`, 'unawaitedResourceCall');
  } else {
    file.add('      await use(client);', `      await ${code.release('client')};`);
  }
  file.add(
    '    },',
    "    { scope: 'worker' },",
    '  ],',
    '  repository: async ({ client }, use) => {',
  );
  file.add(
    `    await use(new ${d.Type}Repository(client as never));`,
    '  },',
    '  service: async ({ repository }, use) => {',
    `    await use(new ${d.Type}Service(repository));`,
    '  },',
    `  sample${d.Type}: async ({ repository }, use) => {`,
    `    const created = await repository.create({ ${d.fields.map((f) => `${f.name}: ${f.sample}`).join(', ')} });`,
  );
  // the delete after an un-awaited `use()` runs while the test still reads the row
  if (defect === 'unawaitedUse') file.defect('    use(created);', 'unawaitedUse');
  else file.add('    await use(created);');
  file.add(
    '    await repository.delete(created.id);',
    '  },',
    '});',
    '',
    "export { expect } from 'vitest';",
  );
  fillWithUtilities(file, random, Math.max(52, random.length() - 80), 700);
}
