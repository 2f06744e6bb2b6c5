import { ESLintUtils } from '@typescript-eslint/utils';

export interface TestIsolationDocs {
  /** Whether the rule is in the `recommended` config. */
  recommended?: boolean;
  /** Whether the rule needs type information when its `typeAware` option is on. */
  requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL = 'https://github.com/eslint-plugin-test-isolation/eslint-plugin-test-isolation';

/** Ties every rule to its documentation page. */
export const createRule = ESLintUtils.RuleCreator<TestIsolationDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
