// End-to-end tests: the real web UI in Debian's Chromium, against `serve` and real Docker.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One server per worker and real containers: two workers keep the 2-core machines responsive.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  reporter: process.env['CI'] ? [['list'], ['json', { outputFile: '.playwright-results.json' }]] : [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    trace: 'off',
  },
});
