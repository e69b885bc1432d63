import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:fast`, the inner loop: the rule fixtures and catalogue, the engine, parsers and reporters, the
 * import fences. Left to the full `npm test` (CI): the ReDoS proof (test/redos), property runs, the audit oracle,
 * SARIF validation with the multitool, thread pools and the scan worker, hostile inputs, the action, history and
 * org sweeps end to end, the corpora, the committed bundles and self-scan.
 *
 * Spread, not mergeConfig: mergeConfig concatenates arrays, so the base `test/**\/*.test.ts` stayed in `include`
 * and the fast run ran every test file.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/rules.test.ts',
      'test/catalogue.test.ts',
      'test/keywords.test.ts',
      'test/engine.test.ts',
      'test/suppress.test.ts',
      'test/embedded-scan.test.ts',
      'test/parse-infra.test.ts',
      'test/compose-*.test.ts',
      'test/dotenv-rules.test.ts',
      'test/rules/**/*.test.ts',
      'test/new-rule.test.ts',
      'test/openclaw-*.test.ts',
      'test/secrets-shared.test.ts',
      'test/secrets-redaction.test.ts',
      'test/redaction.test.ts',
      'test/report-stream.test.ts',
      'test/suggestion.test.ts',
      'test/github-event.test.ts',
      'test/template.test.ts',
      'test/architecture.test.ts',
    ],
    exclude: ['test/compose-corpus.test.ts'],
  },
});
