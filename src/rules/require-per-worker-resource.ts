import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import path from 'node:path';

import { isDeclarationFile } from '../analysis/module-resolution';
import { getFileResources } from '../analysis/resources';
import { type Runner, isConfiguredGlobalSetup, runnerScheduleOf } from '../analysis/runner-config';
import { getTypeServices } from '../analysis/types';
import {
  type FixedIdentity,
  type IdentityKind,
  type WorkerIdInsertion,
  definesTests,
  fixedIdentitiesOf,
  fixedIdentityOfEnvironmentAssignment,
  mayHoldFixedIdentityWithoutCatalog,
  otherFileSharing,
  runsInWorkersWithoutTests,
} from '../analysis/worker-identity';
import { createRule } from '../util/create-rule';
import { AST_NODE_TYPES } from '../util/node-types';

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
        '`{{value}}` is a fixed database file for this {{resource}}, and {{sharedBy}}: parallel workers open the same file, so tests overwrite each other\'s data and fail with "database is locked". Add the worker id to the name (`{{workerId}}`), or use `:memory:` or a `mkdtemp` directory.',
      fixedDatabaseName:
        '`{{value}}` names a fixed database or schema, and {{sharedBy}}: parallel workers write to the same tables, and one worker\'s migrations and cleanup break the others. Create one database per worker named with `{{workerId}}`.',
      fixedPort:
        'Port {{value}} is fixed for this {{resource}}, and {{sharedBy}}: when test files run in parallel workers, the second one to listen fails with EADDRINUSE. Listen on port 0 and read the port it gets, or add the worker id (`{{workerId}}`).',
      fixedTempDirectory:
        '`{{value}}` is a fixed temp directory, and {{sharedBy}}: parallel workers create, fill and delete the same directory under each other. Use `fs.mkdtemp()`, or add the worker id (`{{workerId}}`).',
      fixedRedisDatabase:
        'Redis database `{{value}}` is fixed, and {{sharedBy}}: one worker\'s FLUSHDB or keys break the tests in the others. Give each worker its own database index or key prefix from `{{workerId}}`.',
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
    if (isDeclarationFile(context.filename)) return {};
    const resources = getFileResources(context);
    const { info } = resources;
    if (!info.isTestFile || info.isGlobalSetupFile) return {};
    const { sourceCode } = context;
    const types = options.typeAware ? getTypeServices(context) : undefined;
    if (!types && !resources.importsCatalogModule() && !mayHoldFixedIdentityWithoutCatalog(sourceCode)) return {};
    const candidates: FixedIdentity[] = [];
    const seen = new Set<TSESTree.Node>();

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      for (const identity of fixedIdentitiesOf(node, resources, sourceCode, types)) consider(identity);
    }

    /** Each literal is reported once, however many resources it names. */
    function consider(identity: FixedIdentity): void {
      if (identity.kind === 'port' && !options.checkPorts) return;
      const key =
        identity.insertion?.kind === 'string'
          ? identity.insertion.tail.node
          : identity.insertion?.kind === 'number'
            ? identity.insertion.literal
            : identity.node;
      if (seen.has(key) || seen.has(identity.node)) return;
      seen.add(key);
      seen.add(identity.node);
      candidates.push(identity);
    }

    /**
     * Decided once the whole file is known, and only when there is something to report: most test
     * files never read the runner config or other files for this.
     */
    function reportCandidates(): void {
      if (candidates.length === 0 || isConfiguredGlobalSetup(context.filename)) return;
      const schedule = runnerScheduleOf(context.filename, info.importedFrameworks);
      if (schedule.sequentialBecause !== undefined) return;
      const workerId = options.workerIdVariables?.[0] ?? runnerWorkerIds[schedule.runner ?? 'unknown'];
      for (const identity of candidates) {
        const sharedBy = sharedByOf(identity, schedule.projectRoot, schedule.repeatsFilesBecause);
        if (sharedBy !== undefined) report(identity, workerId, sharedBy);
      }
    }

    /**
     * Why other workers use the same identity. Code outside test files (setup files, fixtures,
     * helpers) runs in every worker; a test file's own value is shared when another test file uses
     * it as a fixed identity too, or when the runner runs the file several times at once.
     */
    function sharedByOf(identity: FixedIdentity, projectRoot: string, repeatsFilesBecause: string | undefined): string | undefined {
      // whether the file defines tests is read only when it has a candidate to report
      if (!definesTests(info)) return runsInWorkersWithoutTests(context.filename, info) ? 'this code runs in every worker' : undefined;
      if (repeatsFilesBecause) return repeatsFilesBecause;
      const other = otherFileSharing(identity, context.filename, projectRoot, info.settings, context.cwd);
      return other === undefined ? undefined : `\`${path.relative(projectRoot, other).split(path.sep).join('/')}\` uses it too`;
    }

    function report(identity: FixedIdentity, workerId: string, sharedBy: string): void {
      const insertion = identity.insertion;
      context.report({
        node: identity.node,
        messageId: messageIdOf[identity.kind],
        data: { value: shorten(sourceCode.getText(identity.node)), resource: identity.resource, workerId, sharedBy },
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
      AssignmentExpression(node) {
        const identity = fixedIdentityOfEnvironmentAssignment(node, sourceCode);
        if (identity) consider(identity);
      },
      'Program:exit': reportCandidates,
    };
  },
});

function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** Source text for a message: one line, at most 60 characters, a plain template shown as a string. */
function shorten(text: string): string {
  const plainTemplate = /^`[^`$]*`$/.test(text);
  const single = (plainTemplate ? `'${text.slice(1, -1)}'` : text).replace(/\s+/g, ' ');
  return single.length > 60 ? `${single.slice(0, 57)}...` : single;
}
