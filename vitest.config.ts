import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Builds dist/ when it does not match the sources (docs/architecture.md#build).
    globalSetup: ['./test/build/global-setup.ts'],
    // No test reads or writes the user's knowledge base (~/.policyloop/knowledge.db): tests
    // that use one name their own file with --kb or KnowledgeSettings.
    // POLICYLOOP_NO_STALE_CHECK: the global setup built dist/; a source edited while the tests
    // run must not add bin/policyloop.js's stale-build warning to every command's stderr.
    env: { POLICYLOOP_KB: 'off', POLICYLOOP_NO_STALE_CHECK: '1' },
    reporters: ['default', './test/plain-summary-reporter.ts'],
  },
});
