import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    // Test files run in parallel, one process per worker.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // Starting Postgres in WebAssembly takes a few seconds on a busy machine,
    // and the first test of each file waits for its worker's database.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
