import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['moneta-source'] },
  ssr: { resolve: { conditions: ['moneta-source'] } },
  test: {
    name: 'api',
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
