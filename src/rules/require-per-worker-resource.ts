import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { getFileResources } from '../analysis/resources';
import { type Runner, isConfiguredGlobalSetup, runnerScheduleOf } from '../analysis/runner-config';
import { getTypeServices } from '../analysis/types';
import { type FixedIdentity, type IdentityKind, type WorkerIdInsertion, fixedIdentitiesOf } from '../analysis/worker-identity';
import { createRule } from '../util/create-rule';

export type Options = [
  {
    /** Expressions the project uses to tell workers apart; the first one goes into suggestions. */
    workerIdVariables?: string[];
    /** Report fixed ports of servers and containers that tests start. */
    checkPorts?: boolean;
    /** Use type information to recognise resources created through re-exports and project wrappers. */
    typeAware?: boolean;
  },
];

export type MessageIds =
  | 'fixedDatabaseFile'
  | 'fixedDatabaseName'
  | 'fixedPort'
  | 'fixedTempDirectory'
  | 'fixedRedisDatabase'
  | 'appendWorkerId';

const messageIdOf: Record<IdentityKind, MessageIds> = {
  databaseFile: 'fixedDatabaseFile',
  databaseName: 'fixedDatabaseName',
  port: 'fixedPort',
  tempDirectory: 'fixedTempDirectory',
  redisDatabase: 'fixedRedisDatabase',
};

/** Each runner's variable that differs per worker and stays stable within one. */
const runnerWorkerIds: Record<Runner | 'unknown', string> = {
  vitest: 'process.env.VITEST_POOL_ID',
  jest: 'process.env.JEST_WORKER_ID',
  playwright: 'process.env.TEST_PARALLEL_INDEX',
  mocha: 'process.env.MOCHA_WORKER_ID',
  'node:test': 'process.pid',
  bun: 'process.pid',
  unknown: 'process.env.VITEST_POOL_ID ?? process.env.JEST_WORKER_ID',
};

export default createRule<Options, MessageIds>({
  name: 'require-per-worker-resource',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require test databases, files, ports and temp directories to differ per parallel worker instead of having a fixed name',
      recommended: true,
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      fixedDatabaseFile:
        '`{{value}}` is a fixed database file for this {{resource}}: every parallel worker opens the same file, so tests in different files overwrite each other\'s data and can fail with "database is locked". Add the worker id to the name (`{{workerId}}`), or use `:memory:` or a `mkdtemp` directory.',
      fixedDatabaseName:
        '`{{value}}` names the same database or schema in every parallel worker: tests in different files write to the same tables, and one worker\'s migrations and cleanup break the others. Create one database per worker named with `{{workerId}}`.',
      fixedPort:
        'Port {{value}} is fixed for this {{resource}}: when test files run in parallel workers, the second one to listen fails with EADDRINUSE. Listen on port 0 and read the port it gets, or add the worker id (`{{workerId}}`).',
      fixedTempDirectory:
        '`{{value}}` is a fixed temp directory: parallel workers create, fill and delete the same directory under each other. Use `fs.mkdtemp()`, or add the worker id (`{{workerId}}`).',
      fixedRedisDatabase:
        'Redis database `{{value}}` is shared by every parallel worker: one worker\'s FLUSHDB or keys break the tests in the others. Give each worker its own database index or key prefix from `{{workerId}}`.',
      appendWorkerId: 'Add `{{workerId}}` so each worker gets its own.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          workerIdVariables: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Expressions your project uses to tell workers apart (`process.env.SHARD_ID`, `workerId`); the first one is what suggestions add instead of the runner\'s own variable.',
          },
          checkPorts: {
            type: 'boolean',
            description: 'Report fixed ports that servers and containers started by tests listen on.',
          },
          typeAware: {
            type: 'boolean',
            description:
              'Use type information (requires `parserOptions.projectService`) to recognise resources created through re-exports and project classes.',
          },
        },
      },
    ],
    defaultOptions: [{ workerIdVariables: [], checkPorts: true, typeAware: false }],
  },
  create(context, [options]) {
    if (/\.d\.[cm]?ts$/.test(context.filename)) return {};
    const resources = getFileResources(context);
    const { info } = resources;
    if (!info.isTestFile || info.isGlobalSetupFile) return {};
    const { sourceCode } = context;
    const types = options.typeAware ? getTypeServices(context) : undefined;
    const reported = new Set<TSESTree.Node>();
    let schedule: { parallel: boolean; workerId: string } | undefined;

    /** Read only when there is something to report: most test files never touch the file system for this. */
    function runnerSchedule(): { parallel: boolean; workerId: string } {
      if (!schedule) {
        if (isConfiguredGlobalSetup(context.filename)) {
          schedule = { parallel: false, workerId: '' };
        } else {
          const found = runnerScheduleOf(context.filename, info.importedFrameworks);
          schedule = {
            parallel: found.sequentialBecause === undefined,
            workerId: options.workerIdVariables?.[0] ?? runnerWorkerIds[found.runner ?? 'unknown'],
          };
        }
      }
      return schedule;
    }

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const identities = fixedIdentitiesOf(node, resources, sourceCode, types);
      for (const identity of identities) {
        if (identity.kind === 'port' && !options.checkPorts) continue;
        const key = identity.insertion?.kind === 'string' ? identity.insertion.tail.node : identity.insertion?.kind === 'number' ? identity.insertion.literal : identity.node;
        if (reported.has(key) || reported.has(identity.node)) continue;
        const { parallel, workerId } = runnerSchedule();
        if (!parallel) return;
        reported.add(key);
        reported.add(identity.node);
        report(identity, workerId);
      }
    }

    function report(identity: FixedIdentity, workerId: string): void {
      const insertion = identity.insertion;
      context.report({
        node: identity.node,
        messageId: messageIdOf[identity.kind],
        data: { value: shorten(sourceCode.getText(identity.node)), resource: identity.resource, workerId },
        suggest: insertion
          ? [{ messageId: 'appendWorkerId', data: { workerId }, fix: (fixer) => insertWorkerId(fixer, insertion, workerId) }]
          : [],
      });
    }

    function insertWorkerId(fixer: TSESLint.RuleFixer, insertion: WorkerIdInsertion, workerId: string): TSESLint.RuleFix | null {
      if (insertion.kind === 'number') {
        // A fixed port is a bare literal (an argument, a property or a `const`), so the sum needs no parentheses.
        const offset = workerId === 'process.pid' ? '(process.pid % 1000)' : `Number(${workerId})`;
        return fixer.replaceText(insertion.literal, `${insertion.literal.raw} + ${offset}`);
      }
      const { tail, index, separator } = insertion;
      const inserted = `${separator}\${${workerId}}`;
      if (tail.node.type === AST_NODE_TYPES.Literal) {
        const before = escapeTemplate(tail.value.slice(0, index));
        const after = escapeTemplate(tail.value.slice(index));
        return fixer.replaceText(tail.node, `\`${before}${inserted}${after}\``);
      }
      const lastQuasi = tail.node.quasis.at(-1)!;
      // Positions in the cooked text map to the source only when the quasi has no escapes.
      if (lastQuasi.value.raw !== lastQuasi.value.cooked) return null;
      const position = tail.node.range[1] - 1 - lastQuasi.value.raw.length + index;
      return fixer.insertTextAfterRange([position, position], inserted);
    }

    return {
      NewExpression: check,
      CallExpression: check,
    };
  },
});

function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function shorten(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > 60 ? `${single.slice(0, 57)}...` : single;
}
