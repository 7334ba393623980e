// What the specs share: unique names, sandboxes made by a script, and the UI's landmarks by
// their accessible names. Tests in one worker share a server, so every test finds its own
// sandboxes by their unique names or ids, never by position.
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import type { CreateSandboxResponse } from '../../src-main/contract/schemas';
import { createBody, waitForState, type Client } from '../helpers/sandlot';
import { expect } from './fixtures';

/** `prefix-1a2b3c4d`: unique across workers and runs. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** POST /v1/sandboxes as a script would; returns the new id. */
export async function createByScript(api: Client, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await api.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody(extra));
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.id;
}

/** Creates by script and waits (through the API) until it runs. */
export async function createRunning(api: Client, extra: Record<string, unknown> = {}): Promise<string> {
  const id = await createByScript(api, extra);
  await waitForState(api, id, 'Running');
  return id;
}

/** One sandbox's row in the list. */
export function row(page: Page, id: string): Locator {
  return page.locator(`[role="row"][data-sandbox-id="${id}"]`);
}

/** The detail panel (the selected sandbox). */
export function detail(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Sandbox details' });
}

export function searchBox(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Search' });
}

/** Narrows the list to `name` with the search box and opens that sandbox's details. */
export async function openDetails(page: Page, id: string, name: string): Promise<Locator> {
  await searchBox(page).fill(name);
  await row(page, id).click();
  const panel = detail(page);
  await expect(panel).toHaveAttribute('data-detail-id', id);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(name);
  return panel;
}

/** A detail tab by name ('Overview', 'Logs', 'Terminal', 'Files', 'Usage'). */
export function detailTab(page: Page, name: string): Locator {
  return detail(page).getByRole('tablist', { name: 'Sandbox views' }).getByRole('tab', { name, exact: true });
}

/** Opens a detail tab and returns its panel. */
export async function openTab(page: Page, name: string): Promise<Locator> {
  const tab = detailTab(page, name);
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  const panel = detail(page).getByRole('tabpanel', { name });
  await expect(panel).toBeVisible();
  return panel;
}

/** The terminal's visible text (xterm's DOM renderer: one element per row). */
export function terminalRows(page: Page): Locator {
  return detail(page).getByTestId('terminal').locator('.xterm-rows');
}

/** Types a command into the Terminal tab's shell and presses Enter. */
export async function runInTerminal(page: Page, command: string): Promise<void> {
  await detail(page).getByTestId('terminal').click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

/** A shell loop printing `tick N` every second on stdout (and `oops N` on stderr every third). */
export const TICKER = ['sh', '-c', 'i=0; while :; do echo "tick $i"; [ $((i % 3)) -eq 2 ] && echo "oops $i" >&2; i=$((i+1)); sleep 1; done'];
