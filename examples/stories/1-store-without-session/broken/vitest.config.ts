import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starting Postgres in WebAssembly takes a few seconds on a busy machine.
    hookTimeout: 60_000,
  },
});
