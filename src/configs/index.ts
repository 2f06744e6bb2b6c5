import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';

import { rules } from '../rules';

export type ConfigName = 'recommended' | 'recommended-type-checked' | 'strict' | 'all';

type RuleEntry = TSESLint.FlatConfig.RuleEntry;

/** Files the configs apply to: TypeScript and JavaScript in every module flavour. */
export const lintedFiles = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];
const typeScriptFiles = ['**/*.{ts,mts,cts,tsx}'];

/** Whether a rule offers the `typeAware` option, read from its schema. */
function hasTypeAwareOption(name: keyof typeof rules): boolean {
  const schema = rules[name].meta.schema;
  const first = Array.isArray(schema) ? (schema[0] as { properties?: Record<string, unknown> } | undefined) : undefined;
  return first?.properties?.typeAware !== undefined;
}

/** The rule entries of each config, derived from rule meta so configs never drift from the rules. */
export function ruleEntries(config: ConfigName): Record<string, RuleEntry> {
  const entries: Record<string, RuleEntry> = {};
  for (const name of Object.keys(rules) as (keyof typeof rules)[]) {
    const docs = rules[name].meta.docs as { recommended?: boolean; strict?: boolean } | undefined;
    const inConfig =
      config === 'all' ||
      (config === 'strict' && (docs?.recommended === true || docs?.strict === true)) ||
      ((config === 'recommended' || config === 'recommended-type-checked') && docs?.recommended === true);
    if (!inConfig) continue;
    entries[`test-isolation/${name}`] =
      config === 'recommended-type-checked' && hasTypeAwareOption(name) ? ['error', { typeAware: true }] : 'error';
  }
  return entries;
}

const jsxFiles = ['**/*.jsx'];

/** Builds the flat configs; `getPlugin` is a getter so the configs and the plugin can refer to each other. */
export function createConfigs(getPlugin: () => TSESLint.FlatConfig.Plugin): Record<ConfigName, TSESLint.FlatConfig.Config[]> {
  const plugins = {
    get 'test-isolation'() {
      return getPlugin();
    },
  };
  const build = (name: ConfigName): TSESLint.FlatConfig.Config[] => {
    const typed = name === 'recommended-type-checked';
    const configs: TSESLint.FlatConfig.Config[] = [
      {
        name: `test-isolation/${name}/parsers`,
        files: typeScriptFiles,
        languageOptions: { parser: tsParser, ...(typed ? { parserOptions: { projectService: true } } : {}) },
      },
      {
        name: `test-isolation/${name}/jsx`,
        files: jsxFiles,
        languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      },
      {
        name: `test-isolation/${name}`,
        files: lintedFiles,
        plugins,
        rules: ruleEntries(typed ? 'recommended' : name),
      },
    ];
    if (typed) {
      // Type information exists for TypeScript files only; JavaScript files keep the untyped rules.
      configs.push({ name: `test-isolation/${name}/typed`, files: typeScriptFiles, rules: ruleEntries(name) });
    }
    return configs;
  };
  return {
    recommended: build('recommended'),
    'recommended-type-checked': build('recommended-type-checked'),
    strict: build('strict'),
    all: build('all'),
  };
}
