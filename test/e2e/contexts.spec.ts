// Remote contexts in the UI: server A's window adds server B (another Sandlot, speaking the same
// Lifecycle API) as a remote OpenSandbox server, switches to it, and creates, tags, pauses,
// resumes and deletes a sandbox there, each checked through B's own API; A's local list is
// untouched, and switching back (by keyboard) shows it again.
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { WireSandbox } from '../../src-main/contract/schemas';
import { expect, test, watchErrors } from './fixtures';
import { createRunning, detail, detailTab, openDetails, row, uniqueName } from './ui';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/contexts');

function switcher(page: Page) {
  return page.getByRole('button', { name: /^Context: / });
}

test('drives a remote OpenSandbox server end to end, then back to Local', async ({ ownSandlot }) => {
  const a = await ownSandlot();
  const b = await ownSandlot();
  const localName = uniqueName('local-on-a');
  const localId = await createRunning(a.api, { metadata: { name: localName } });

  const page = await a.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${a.serve.url}/`);
  await expect(row(page, localId)).toBeVisible();
  await expect(switcher(page)).toHaveAccessibleName('Context: Local. Switch context');
  await page.locator('.topbar').screenshot({ path: path.join(SHOTS, 'switcher-local.png') });

  // The menu: Local checked, then Add server….
  await switcher(page).click();
  const menu = page.getByRole('menu', { name: 'Contexts' });
  await expect(menu.getByRole('menuitemradio', { name: /Local/ })).toHaveAttribute('aria-checked', 'true');
  await expect(menu.getByRole('menuitemradio', { name: /Local/ })).toBeFocused();
  await page.screenshot({ path: path.join(SHOTS, 'switcher-menu-local.png'), clip: { x: 0, y: 0, width: 640, height: 260 } });
  await menu.getByRole('menuitem', { name: 'Add server…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Add server' });
  await expect(dialog).toBeVisible();
  const serverName = uniqueName('server-b');
  await dialog.getByLabel('Name', { exact: true }).fill(serverName);
  await dialog.getByLabel('Server URL').fill(b.serve.url);
  // A wrong key: the server's refusal sits by the key field.
  await dialog.getByLabel('API key').fill('sl_not_the_key_of_server_b');
  await dialog.getByRole('button', { name: 'Add and switch' }).click();
  await expect(dialog.getByLabel('API key')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText(/the server refused this key \(401\)/)).toBeVisible();
  await dialog.screenshot({ path: path.join(SHOTS, 'add-server-wrong-key.png') });
  await dialog.getByLabel('API key').fill(b.api.key);
  await dialog.getByRole('button', { name: 'Add and switch' }).click();
  await expect(dialog).toHaveCount(0);

  // Now on B: the switcher names it, the badge is the server's reachability, A's sandbox is gone.
  await expect(switcher(page)).toHaveAccessibleName(`Context: ${serverName} (remote server). Switch context`);
  await expect(page.locator('.engine-indicator')).toHaveText('Server reachable');
  await expect(row(page, localId)).toHaveCount(0);
  await page.locator('.topbar').screenshot({ path: path.join(SHOTS, 'switcher-remote.png') });

  // Create through the usual dialog: it happens on B.
  const name = uniqueName('on-b');
  await page.getByRole('button', { name: 'New sandbox', exact: true }).click();
  const create = page.getByRole('dialog', { name: 'New sandbox' });
  await create.getByLabel('Image', { exact: true }).fill('sandlot-test/busybox:1');
  await create.getByLabel('Name', { exact: true }).fill(name);
  await create.getByLabel('Entrypoint').fill('sleep 3600');
  await create.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0, { timeout: 30_000 });
  const panel = detail(page);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(name);
  const id = (await panel.getAttribute('data-detail-id')) ?? '';
  expect(id).not.toBe('');
  await expect(panel.getByTestId('detail-state')).toHaveText('Running');
  await expect(row(page, id).getByTestId('state')).toHaveText('Running');
  expect((await b.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body).toMatchObject({ metadata: { name }, status: { state: 'Running' } });
  expect((await a.api.call('GET', `/v1/sandboxes/${id}`)).status).toBe(404);

  // The inside tabs say why they cannot work here.
  await detailTab(page, 'Logs').click();
  await expect(panel.getByText(/Logs is not available for a sandbox on a remote server/)).toBeVisible();
  await detailTab(page, 'Overview').click();

  // A tag, edited in the panel, lands on B.
  const tags = panel.getByRole('region', { name: 'Tags' });
  await tags.getByRole('button', { name: 'Edit', exact: true }).click();
  await tags.getByRole('button', { name: 'Add tag', exact: true }).click();
  await tags.getByRole('textbox', { name: 'Tag key' }).nth(1).fill('owner');
  await tags.getByRole('textbox', { name: 'Tag value' }).nth(1).fill('e2e');
  await tags.getByRole('button', { name: 'Save tags', exact: true }).click();
  await expect(tags.getByRole('button', { name: 'owner e2e', exact: true })).toBeVisible();
  expect((await b.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.metadata).toEqual({ name, owner: 'e2e' });

  // Pause and resume: the badges follow B's states (polled), and B says so too.
  const badge = panel.getByTestId('detail-state');
  await panel.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(badge).toHaveText('Paused');
  expect((await b.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.status.state).toBe('Paused');
  await panel.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(badge).toHaveText('Running');
  expect((await b.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.status.state).toBe('Running');

  // Delete, confirmed: Terminated on B.
  await panel.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete sandbox?' }).getByRole('button', { name: 'Confirm delete', exact: true }).click();
  await expect(badge).toHaveText('Terminated');
  expect((await b.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.status.state).toBe('Terminated');

  // Back to Local with the keyboard: the local list again, without B's sandbox.
  await switcher(page).focus();
  await page.keyboard.press('ArrowDown');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitemradio', { name: new RegExp(serverName) })).toBeFocused();
  await menu.screenshot({ path: path.join(SHOTS, 'switcher-menu-remote.png') });
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitemradio', { name: /Local/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(switcher(page)).toBeFocused();
  await expect(switcher(page)).toHaveAccessibleName('Context: Local. Switch context');
  await expect(row(page, localId)).toBeVisible();
  await expect(row(page, id)).toHaveCount(0);
  await expect(page.locator('.engine-indicator')).toHaveText(/^Docker /);
  await openDetails(page, localId, localName);
  await expect(detailTab(page, 'Logs')).not.toHaveAttribute('aria-disabled', 'true');
  expect(errors, 'browser console errors').toEqual([]);
});
