// Screenshots of the web UI for the docs, in light and dark (set through the UI's own theme
// setting), 1280×800: the list, a sandbox's details, the New sandbox dialog and Settings, plus
// a failed sandbox's details. A Sandlot of this spec's own holds a realistic set of sandboxes:
// several running with names and tags, one paused, one terminated, one failed.
//
// `SANDLOT_SCREENSHOTS=1 npx playwright test screenshots` writes them to docs/screenshots/.
// Without it they go to this test's output folder, so a plain test run leaves the docs alone.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { webServers } from '../fixtures/workloads';
import { ROOT, waitForState, type Client } from '../helpers/sandlot';
import { expect, test, watchErrors } from './fixtures';
import { createByScript, detail, openDetails, openTab, row, runInTerminal, searchBox, terminalRows } from './ui';

const TO_DOCS = process.env['SANDLOT_SCREENSHOTS'] === '1';
const MIN = 60;
const HOUR = 3600;

interface Made {
  id: string;
  name: string;
}

async function make(api: Client, name: string | null, tags: Record<string, string>, extra: Record<string, unknown> = {}): Promise<Made> {
  const id = await createByScript(api, { metadata: { ...(name ? { name } : {}), ...tags }, ...extra });
  return { id, name: name ?? id };
}

/** The set of sandboxes a user might have on a working day. */
async function populate(api: Client): Promise<{ detail: Made; failed: Made; all: Made[] }> {
  const web = { entrypoint: webServers() };
  const scratch = await make(api, 'scratch', { team: 'platform' }, { timeout: 30 * MIN });
  const failed = await make(api, 'private-image-test', { team: 'ml', env: 'dev' }, { image: { uri: '127.0.0.1:1/missing:1' } });
  const load = await make(api, 'load-test', { team: 'qa', env: 'staging' }, { timeout: 6 * HOUR, resourceLimits: { cpu: '2', memory: '1Gi' } });
  const sdk = await make(api, null, { source: 'sdk', team: 'ml' }, { timeout: HOUR, resourceLimits: { cpu: '500m', memory: '256Mi' } });
  const notebook = await make(api, 'notebook-ml', { team: 'ml', env: 'dev' }, { timeout: 6 * HOUR, resourceLimits: { cpu: '2', memory: '2Gi' } });
  const ci = await make(api, 'ci-runner-1842', { team: 'ci', env: 'ci' }, { timeout: 4 * MIN, resourceLimits: { cpu: '1', memory: '512Mi' } });
  const pipeline = await make(api, 'data-pipeline', { team: 'data', env: 'staging' }, { timeout: 2 * HOUR, resourceLimits: { cpu: '1.5', memory: '768Mi' } });
  const preview = await make(api, 'pr-311-preview', { team: 'platform', env: 'preview' }, { ...web, timeout: HOUR });
  const gateway = await make(api, 'api-gateway', { team: 'platform', env: 'dev', owner: 'ana' }, { ...web, timeout: 3 * HOUR, resourceLimits: { cpu: '1', memory: '512Mi' } });
  const all = [scratch, failed, load, sdk, notebook, ci, pipeline, preview, gateway];

  await waitForState(api, failed.id, 'Failed');
  for (const m of all) if (m !== failed) await waitForState(api, m.id, 'Running');
  expect((await api.call('POST', `/v1/sandboxes/${load.id}/pause`)).status).toBe(202);
  await waitForState(api, load.id, 'Paused');
  expect((await api.call('DELETE', `/v1/sandboxes/${scratch.id}`)).status).toBe(204);
  await waitForState(api, scratch.id, 'Terminated');
  return { detail: gateway, failed, all };
}

async function setTheme(page: Page, theme: 'Light' | 'Dark'): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme, exact: true }).check();
  await settings.getByRole('button', { name: 'Save settings', exact: true }).click();
  await expect(settings).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
  await clearToasts(page);
}

async function clearToasts(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss notice' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await expect(dismiss).toHaveCount(0);
}

test('screenshots of the list, details, create dialog and settings in light and dark', async ({ ownSandlot }, testInfo) => {
  test.setTimeout(120_000);
  const dir = TO_DOCS ? path.join(ROOT, 'docs', 'screenshots') : testInfo.outputPath('screenshots');
  mkdirSync(dir, { recursive: true });
  const own = await ownSandlot();
  const made = await populate(own.api);
  const page = await own.context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${own.serve.url}/`);
  for (const m of made.all) await expect(row(page, m.id)).toBeVisible();
  const shots: string[] = [];
  const shoot = async (name: string) => {
    await page.mouse.move(0, 799);
    const file = path.join(dir, `${name}.png`);
    await page.screenshot({ path: file, animations: 'disabled' });
    shots.push(file);
  };

  for (const theme of ['Light', 'Dark'] as const) {
    const t = theme.toLowerCase();
    await setTheme(page, theme);

    // The list, nothing selected.
    await searchBox(page).fill('');
    await page.keyboard.press('Escape');
    await expect(detail(page)).not.toHaveAttribute('data-detail-id', /./);
    await shoot(`list-${t}`);

    // A running sandbox with a published port, and a proxied one asked for.
    const panel = await openDetails(page, made.detail.id, made.detail.name);
    await searchBox(page).fill('');
    await panel.getByLabel('Port', { exact: true }).fill('9000');
    await panel.getByRole('button', { name: 'Get endpoint', exact: true }).click();
    await expect(panel.getByText('via proxy')).toBeVisible();
    await expect(panel.getByText('published')).toBeVisible();
    await panel.getByRole('heading', { level: 2 }).click();
    await shoot(`detail-${t}`);

    // A sandbox whose image could not be pulled.
    await row(page, made.failed.id).click();
    await expect(panel.getByTestId('detail-state')).toHaveText('Failed');
    await shoot(`detail-failed-${t}`);
    await page.getByRole('button', { name: 'Close details', exact: true }).click();

    // The New sandbox dialog, partly filled in.
    await page.getByRole('button', { name: 'New sandbox', exact: true }).click();
    const create = page.getByRole('dialog', { name: 'New sandbox' });
    await create.getByLabel('Image', { exact: true }).fill('python:3.12-slim');
    await create.getByLabel('Name', { exact: true }).fill('my-experiment');
    await create.getByLabel('Entrypoint').fill('python -m http.server 8000');
    await create.getByRole('button', { name: 'Add tag', exact: true }).click();
    await create.getByRole('textbox', { name: 'Tag key' }).fill('team');
    await create.getByRole('textbox', { name: 'Tag value' }).fill('research');
    await create.getByLabel('Image', { exact: true }).focus();
    await shoot(`create-${t}`);
    await page.keyboard.press('Escape');
    await expect(create).toHaveCount(0);

    // Settings.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: theme })).toBeChecked();
    await shoot(`settings-${t}`);
    await page.keyboard.press('Escape');
    await expect(settings).toHaveCount(0);
  }
  expect(shots).toHaveLength(10);
  expect(errors, 'browser console errors').toEqual([]);
  await page.close();
});

/** A process that writes a believable log: a line a second, a warning on stderr now and then. */
const WORKER = [
  'sh',
  '-c',
  'i=0; while :; do echo "[worker] job $i done in $((i % 7 * 13 + 21))ms (queue $((i % 4)))"; ' +
    '[ $((i % 5)) -eq 4 ] && echo "[worker] warning: retrying upload of batch $((i / 5)) (timeout)" >&2; ' +
    'i=$((i+1)); sleep 1; done',
];

test('screenshots of the Logs, Terminal, Files and Usage tabs in light and dark', async ({ ownSandlot }, testInfo) => {
  test.setTimeout(150_000);
  const dir = TO_DOCS ? path.join(ROOT, 'docs', 'screenshots') : testInfo.outputPath('screenshots');
  mkdirSync(dir, { recursive: true });
  const own = await ownSandlot();
  const api = own.api;
  const worker = await make(api, 'queue-worker', { team: 'data', env: 'staging' }, { entrypoint: WORKER, timeout: 2 * HOUR, resourceLimits: { cpu: '1', memory: '512Mi' } });
  const others = [
    await make(api, 'api-gateway', { team: 'platform', env: 'dev' }, { entrypoint: webServers(), timeout: 3 * HOUR, resourceLimits: { cpu: '1', memory: '512Mi' } }),
    await make(api, 'notebook-ml', { team: 'ml' }, { timeout: 6 * HOUR, resourceLimits: { cpu: '2', memory: '2Gi' } }),
    await make(api, 'ci-runner-1842', { team: 'ci' }, { timeout: HOUR, resourceLimits: { cpu: '500m', memory: '256Mi' } }),
  ];
  for (const m of [worker, ...others]) await waitForState(api, m.id, 'Running');
  // Something to see in the Files tab.
  const page = await own.context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${own.serve.url}/`);
  for (const m of [worker, ...others]) await expect(row(page, m.id)).toBeVisible();
  const shots: string[] = [];
  const shoot = async (name: string) => {
    await page.mouse.move(0, 799);
    const file = path.join(dir, `${name}.png`);
    await page.screenshot({ path: file, animations: 'disabled' });
    shots.push(file);
  };

  const panel = await openDetails(page, worker.id, worker.name);
  await searchBox(page).fill('');
  // A little history for the charts and sparklines.
  await expect.poll(async () => Number(await row(page, worker.id).locator('svg.spark-cpu').getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThanOrEqual(12);

  // One shell session, kept across themes: it shows that the terminal survives tab switches.
  await openTab(page, 'Terminal');
  await expect(panel.getByTestId('terminal-status')).toHaveText('Connected');
  await runInTerminal(page, 'mkdir -p /work/reports && echo "rows,ok" > /work/reports/summary.csv && cd /work');
  await runInTerminal(page, 'clear; uname -sm; ls -la /; cat reports/summary.csv');
  await expect(terminalRows(page)).toContainText('rows,ok');

  for (const theme of ['Light', 'Dark'] as const) {
    const t = theme.toLowerCase();
    await setTheme(page, theme);

    const logs = await openTab(page, 'Logs');
    await expect(logs.getByRole('log')).toContainText('warning: retrying');
    await logs.getByRole('searchbox', { name: 'Filter log lines' }).fill('');
    await shoot(`tab-logs-${t}`);
    await logs.getByRole('searchbox', { name: 'Filter log lines' }).fill('batch');
    await shoot(`tab-logs-filtered-${t}`);
    await logs.getByRole('searchbox', { name: 'Filter log lines' }).fill('');

    await openTab(page, 'Terminal');
    await expect(terminalRows(page)).toContainText('rows,ok');
    await shoot(`tab-terminal-${t}`);

    await openTab(page, 'Usage');
    await expect(panel.getByTestId('usage-cpu-chart')).toBeVisible();
    await shoot(`tab-usage-${t}`);

    const files = await openTab(page, 'Files');
    await files.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: '/', exact: true }).click();
    await expect(files.locator('tr.file-row[data-name="work"]')).toBeVisible();
    await files.locator('tr.file-row[data-name="work"]').getByRole('button', { name: 'work' }).click();
    await files.locator('tr.file-row[data-name="reports"]').getByRole('button', { name: 'reports' }).click();
    await expect(files.locator('tr.file-row[data-name="summary.csv"]')).toBeVisible();
    await files.locator('tr.file-row[data-name="summary.csv"]').hover();
    await page.screenshot({ path: path.join(dir, `tab-files-${t}.png`), animations: 'disabled' });
    shots.push(`tab-files-${t}`);

  }
  expect(shots).toHaveLength(10);
  expect(errors, 'browser console errors').toEqual([]);
  await page.close();
});
