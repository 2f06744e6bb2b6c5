// Lints the plugin's own sources with typescript-eslint and eslint-plugin-eslint-plugin.
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    name: 'ignores',
    ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/', 'examples/', 'tests/fixtures/', 'docs/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    name: 'type information',
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    name: 'scripts',
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  {
    name: 'rules',
    files: ['src/rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
  },
  {
    name: 'rule conventions',
    files: ['src/rules/**/*.ts'],
    rules: {
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce|Prefer)' }],
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/require-meta-default-options': 'error',
      'eslint-plugin/prefer-message-ids': 'error',
      'eslint-plugin/require-meta-docs-url': 'off',
    },
  },
  {
    name: 'project conventions',
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
