// Flat config: typescript-eslint's recommended set, plus the one architectural fence that matters:
// rules may import only from src/model and rules/_shared, so they stay pure checks over parsed input.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**', 'test/corpus/secrets/files/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/src/engine/**', '**/src/report/**', '**/src/action/**', '**/src/cli*'], message: 'Rules may import only from src/model and rules/_shared.' },
          // A regex, not a gitignore-style group: the group form of `fs` also matched the rule folder ./fs/.
          { regex: '^((node:)?fs(/.*)?|yaml|@humanwhocodes/momoa|dockerfile-ast|ignore)$', message: 'Rules never read or parse files; they receive the parsed target.' },
        ],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
