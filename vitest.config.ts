import { defineConfig } from 'vitest/config';

// One run over every package's own vitest project.
export default defineConfig({
  test: {
    projects: ['packages/schema', 'apps/api', 'apps/web', 'bench'],
  },
});
