import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starting Postgres in WebAssembly takes a few seconds, and up to a minute on a loaded machine.
    hookTimeout: 120_000,
  },
});
