// Flat config: typescript-eslint's recommended set, plus the import fences that keep the dependency direction
// (docs/architecture.md, "Import fences"; test/architecture.test.ts proves each one fails on a violation):
//   index.ts, cli.ts, worker.ts → action/, org/ → app/ → engine/threads/ → engine/scan.ts → engine/<stages>/ → model/, lib/
//   app/ → rules/ → rules/_shared/ → model/, lib/        report/ → model/, lib/        github/ → git/, model/
// A fence is a `no-restricted-imports` block per folder; the patterns read the import as written (relative paths).
// Import cycles, type imports included, are found by test/architecture.test.ts over the import graph.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` with these patterns, each with the fence's message. */
const fence = (message, ...regexes) => ['error', { patterns: regexes.map((regex) => ({ regex, message })) }];

const ENGINE = 'The engine imports no rule, reporter, GitHub, app, action or thread code: it receives the rules and a file-stage executor as arguments.';
const REPORT = 'Reporters import only src/model and src/lib: they see findings and the catalogue, nothing of the engine.';
const MODEL = 'src/model holds contracts only: it imports src/model and src/lib, nothing else.';
const LIB = 'src/lib holds pure helpers: it imports nothing of the project but src/lib.';
const GIT = 'src/git runs git: it imports only src/model and src/lib.';
const RULES = 'Rules import only src/model, src/lib and rules/_shared; they never read or parse files.';
const SYNC_CHECK = 'A check is synchronous (src/model/rule.ts): what must be waited for, the engine awaits before the rules run.';

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
    // Every stage of the pipeline; engine/threads/ sits above them and is fenced below.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/threads/**'],
    rules: {
      'no-restricted-imports': fence(ENGINE, '(^|/)(rules|report|github|app|action|org)/', '^(\\.\\./)+(cli|worker|index)\\.js$', '(^|/)threads/', '^@actions/'),
    },
  },
  {
    files: ['src/engine/threads/**/*.ts'],
    rules: { 'no-restricted-imports': fence(ENGINE, '(^|/)(rules|report|github|app|action|org)/', '^(\\.\\./)+(cli|worker|index)\\.js$', '^@actions/') },
  },
  {
    files: ['src/report/**/*.ts'],
    rules: { 'no-restricted-imports': fence(REPORT, '^\\.\\./(?!model/|lib/)') },
  },
  {
    // The tool's version comes from package.json (model/version.ts).
    files: ['src/model/**/*.ts'],
    rules: { 'no-restricted-imports': fence(MODEL, '^\\.\\./(?!lib/|\\.\\./package\\.json$)') },
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: { 'no-restricted-imports': fence(LIB, '^\\.\\./') },
  },
  {
    files: ['src/git/**/*.ts'],
    rules: { 'no-restricted-imports': fence(GIT, '^\\.\\./(?!model/|lib/)') },
  },
  {
    files: ['rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)src/(?!model/|lib/)', message: RULES },
            // A regex, not a gitignore-style group: the group form of `fs` also matched the rule folder ./fs/.
            { regex: '^((node:)?fs(/.*)?|yaml|@humanwhocodes/momoa|dockerfile-ast|ignore)$', message: 'Rules never read or parse files; they receive the parsed target.' },
          ],
        },
      ],
      'no-restricted-syntax': ['error', { selector: 'Property[key.name="check"] > :function[async=true]', message: SYNC_CHECK }],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
