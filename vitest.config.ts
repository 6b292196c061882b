import { defineConfig } from 'vitest/config';

// The JSON report lets .ci/run print a plain "N passed, N failed" line.
export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    // Whole-process tests (build, review, a browser) take seconds on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    outputFile: { json: '.cache/vitest-results.json' },
    // One temporary folder for the run, removed at its end (tests/global-setup.ts).
    globalSetup: ['tests/global-setup.ts'],
  },
});
