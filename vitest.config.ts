import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Parity tests decode many fixture images; two workers match the 2-core CI machine.
    pool: 'forks',
    maxWorkers: 2,
  },
});
