/**
 * Property tests are deterministic by default: every run of the suite (and CI) draws the same inputs, so a
 * failure reproduces and an input that would hang a parser cannot appear at random in CI. To explore new inputs,
 * run with another seed: `FC_SEED=123 npm test` (a failure prints its seed and path to replay).
 *
 * Open finding (issue 8): with FC_SEED=20261121 the mutation test in properties.test.ts takes over 180 s instead
 * of ~25 s; sampled stacks move between files and parsers, so some generated input makes part of the scan
 * super-linear. Reproduce with `FC_SEED=20261121 npx vitest run test/properties.test.ts -t "no internal error"`.
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 42) });
