import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// One fresh database per run; workers inherit the directory through the environment.
process.env.MONETA_E2E_DIR ??= mkdtempSync(join(tmpdir(), 'moneta-e2e-'));
const port = Number(process.env.MONETA_E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/report.json' }],
  ],
  use: {
    baseURL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: chromium,
  },
  projects: [
    { name: 'api', testMatch: /api\.spec\.ts/ },
    {
      name: 'desktop',
      testIgnore: /api\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], launchOptions: chromium },
    },
    {
      name: 'phone',
      testIgnore: /api\.spec\.ts/,
      use: {
        ...devices['Pixel 7'],
        viewport: { width: 360, height: 740 },
        launchOptions: chromium,
      },
    },
  ],
  webServer: {
    // The real built app: the API serving apps/web/dist, on a fresh temporary database.
    command: 'node ../apps/api/dist/server.js',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(process.env.MONETA_E2E_DIR, 'moneta.db'),
      AUTH_RATE_LIMIT_PER_MINUTE: '10000',
      // Every spec registers its own users.
      REGISTRATION: 'open',
      LOG_LEVEL: 'warn',
      // Every answer the browser gets is checked against its contract.
      RESPONSE_CHECK: 'true',
    },
  },
});
