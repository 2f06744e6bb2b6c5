import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starting Postgres in WebAssembly takes a few seconds on a busy machine,
    // and the first test of each file waits for its database.
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
