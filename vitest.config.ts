import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/fast-check-seed.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: a single worker on CI's 2 cores, where the main process
    // sits idle while each test file imports the engine. Two workers there keep both cores busy (the whole suite:
    // 543 s with one worker, 337 s with two, on the same 2-core machine; docs/performance.md, "The test suite").
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
