import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30000,
    hookTimeout: 120000,
    pool: 'forks',
    // Vitest's default is one worker on a two-core machine; most test time is spent waiting on
    // child processes (the CLI, site builds, a browser), so two files at a time use both cores.
    maxWorkers: 2,
  },
});
