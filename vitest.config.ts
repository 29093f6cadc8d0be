import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the real-data gates need ../shared/eval-dev: `npm run eval:real` (vitest.real.config.ts) runs them
    exclude: ['test/real/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['test/setup/chromium.ts', 'test/setup/build.ts'],
  },
});
