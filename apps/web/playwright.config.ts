// End-to-end tests against the real server (embedded Postgres, migrations, seed, sandbox NHN) and the built SPA,
// in Debian's Chromium: Playwright's own browser downloads are not available on these machines.
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { E2E_ADMIN } from './e2e/fixtures';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  throw new Error(
    `No Chromium found at ${chromiumPath}: install Debian's chromium (\`apt-get install -y chromium\`) or set CHROMIUM_PATH to a Chromium/Chrome binary.`,
  );
}

const webDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webDir, '../..');
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

// A fresh database for every run, so tests never touch the dev data in .data/. Playwright loads this file again
// in each worker process; they inherit the directory through the environment instead of making their own.
if (!process.env.E2E_DATA_DIR) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'alimflow-e2e-'));
  // mkdtemp makes it 0700; running as root, embedded Postgres runs as the `postgres` user, which must get through.
  chmodSync(dataDir, 0o755);
  process.env.E2E_DATA_DIR = dataDir;
  // The web server has been stopped by the time the runner exits.
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    // Build the SPA the server serves, then start the whole app as `pnpm start` does.
    command: 'pnpm --filter @alimflow/web exec vite build --logLevel warn && pnpm --filter @alimflow/server start',
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: !process.env.CI,
    // SIGTERM lets the server close HTTP, the worker and embedded Postgres in order.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.E2E_DATA_DIR,
      SEED_ADMIN_EMAIL: E2E_ADMIN.email,
      SEED_ADMIN_PASSWORD: E2E_ADMIN.password,
      // The specs start from an org with no rules or leads.
      SEED_SAMPLE_DATA: 'false',
      SANDBOX_DELIVERY_DELAY_MS: '200',
      LOG_LEVEL: 'warn',
    },
  },
});
