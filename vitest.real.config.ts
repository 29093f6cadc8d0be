import { defineConfig } from 'vitest/config';

// The real-data gates (`npm run eval:real`, run by .ci/run): labelled real pages read from
// ../shared/eval-dev (or $KHABAR_EVAL_DEV) and our own real sets under test/fixtures/real/.
// They are kept out of `npm test`, which must pass on a clone with no ../shared beside it.
export default defineConfig({
  test: {
    include: ['test/real/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
