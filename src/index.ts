import type { TSESLint } from '@typescript-eslint/utils';

import { type ConfigName, createConfigs } from './configs';
import { rules } from './rules';

// Read at run time so the published version is the one in package.json.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name, version } = require('../package.json') as { name: string; version: string };

interface TestIsolationPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config[]>;
}

const plugin: TestIsolationPlugin = {
  meta: { name, version, namespace: 'test-isolation' },
  rules,
  configs: createConfigs(() => plugin),
};

export = plugin;
