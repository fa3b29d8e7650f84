import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'calibration/**/*.py', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // core/ is pure arithmetic: no Node built-ins, no toolkit, no upper layers (DESIGN.md "Layers").
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'http', 'https', 'child_process'], message: 'core/ does no I/O' },
            { group: ['@actions/*'], message: 'core/ must not depend on the GitHub toolkit' },
            {
              group: ['**/plan/**', '**/report/**', '**/action/**', '**/cli/**', '**/io/**'],
              message: 'core/ sits below plan/, report/, io/, action/ and cli/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/report/**/*.ts', 'src/plan/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], message: 'only action/ talks to the GitHub toolkit' },
            {
              group: ['**/action/**', '**/cli/**', '**/io/**'],
              message: 'plan/ and report/ sit below io/, action/ and cli/ (I/O comes in through interfaces)',
            },
          ],
        },
      ],
    },
  },
);
