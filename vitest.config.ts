import { defineConfig } from 'vitest/config';

// Unit tests: Node (core, sandbox) and happy-dom (components, per-file `// @vitest-environment happy-dom`).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
