import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const conditions = ['moneta-source', 'module', 'browser', 'development|production'];

const src = decodeURIComponent(new URL('./src', import.meta.url).pathname);

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': src }, conditions },
  server: {
    // No changeOrigin: the browser's Origin must match the Host the API sees, or writes get 403.
    proxy: { '/api': { target: 'http://127.0.0.1:3000' } },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // The zod contracts are a chunk of their own, shared by every page behind the login.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => id.includes('/packages/schema/src/'))
            ? 'assets/contracts-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
});
