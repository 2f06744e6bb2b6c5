import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';

export interface TestIsolationDocs {
  /** Whether the rule is in the `recommended` config. */
  recommended?: boolean;
  /** Whether the rule needs type information when its `typeAware` option is on. */
  requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL = 'https://github.com/eslint-plugin-test-isolation/eslint-plugin-test-isolation';

const ruleCreator = ESLintUtils.RuleCreator<TestIsolationDocs>((name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);

/**
 * Ties every rule to its documentation page. The options merged with the defaults are computed once
 * per options object of the config, not once per file: `RuleCreator` deep-clones the defaults with
 * `structuredClone` on every file, which measured as 2–3% of the lint time of a file for a rule that
 * does nothing else.
 */
export const createRule: typeof ruleCreator = (rule) => {
  const created = ruleCreator(rule);
  const defaults = rule.meta.defaultOptions ?? rule.defaultOptions ?? [];
  type Options = Parameters<typeof rule.create>[1];
  const merged = new WeakMap<object, Options>();
  let withoutUserOptions: Options | undefined;
  const optionsOf = (userOptions: readonly unknown[]): Options => {
    // ESLint passes the config's own options objects (`slice(1)` of the rule entry) to every file.
    const key = userOptions[0];
    if (userOptions.length > 1 || typeof key !== 'object' || key === null) return ESLintUtils.applyDefault(defaults, userOptions) as Options;
    if (userOptions.length === 0) return (withoutUserOptions ??= ESLintUtils.applyDefault(defaults, userOptions) as Options);
    let options = merged.get(key);
    if (!options) {
      options = ESLintUtils.applyDefault(defaults, userOptions) as Options;
      merged.set(key, options);
    }
    return options;
  };
  return {
    ...created,
    create: (context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) =>
      rule.create(context as Parameters<typeof rule.create>[0], optionsOf(context.options)),
  };
};
