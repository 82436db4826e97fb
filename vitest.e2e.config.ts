import { defineConfig } from 'vitest/config';

// End-to-end tests: the production build in real Chromium against the sandbox. One file at a time (2 cores).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // Waits in the browser (PBKDF2 at 600,000 iterations, worker restarts) take seconds on a busy 2-core machine.
    expect: { poll: { timeout: 10_000 } },
  },
});
