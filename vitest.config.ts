import { defineConfig } from 'vitest/config';

// Two projects so `npm test` can report unit and integration results separately; the
// end-to-end suite runs under Playwright, not here.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/web/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration tests share one PostgreSQL server and spawn processes: keep them apart.
          fileParallelism: false,
        },
      },
    ],
  },
});
