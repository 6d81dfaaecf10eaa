import { defineConfig } from 'vitest/config';

// Unit, golden and property tests: pure Node, no browser.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/golden/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/helpers/build-cli-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
