import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starting Postgres in WebAssembly takes a few seconds, and up to a minute on a loaded machine;
    // the first test of each file waits for its database.
    hookTimeout: 120_000,
    testTimeout: 120_000,
  },
});
