import { defineConfig } from 'vitest/config';

// The failure stories run real databases in child vitest processes; story 2 needs two workers alive at
// once, which a loaded machine does not guarantee, so they run on request: `npm run test:stories`.
const withStories = process.env.TEST_STORIES === '1';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: withStories ? ['**/node_modules/**'] : ['**/node_modules/**', 'tests/e2e/stories.test.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
