import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // No test reads or writes the user's knowledge base (~/.policyloop/knowledge.db): tests
    // that use one name their own file with --kb or KnowledgeSettings.
    env: { POLICYLOOP_KB: 'off' },
    reporters: ['default', './test/plain-summary-reporter.ts'],
  },
});
