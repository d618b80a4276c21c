import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['moneta-source'] },
  ssr: { resolve: { conditions: ['moneta-source'] } },
  test: {
    name: 'bench',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The smoke run starts two servers and drives real load for a few seconds per scenario.
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
