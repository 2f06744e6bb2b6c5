import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Test files run in parallel, one process per worker.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // Starting Postgres in WebAssembly takes a few seconds, and up to a minute on a loaded machine;
    // the first test of each file waits for the other worker to start, then for its database.
    hookTimeout: 120_000,
    testTimeout: 120_000,
  },
});
