// The New sandbox dialog: a create watched from Pending to Running, a value the API refuses
// shown next to its field, and the keyboard ('/' search, 'n' new sandbox, Esc closes).
import type { ErrorResponse, ListSandboxesResponse, WireSandbox } from '../../src-main/contract/schemas';
import { expect, test } from './fixtures';
import { detail, row, searchBox, uniqueName } from './ui';

test('creates a sandbox through the New sandbox dialog and watches it go Pending → Running', async ({ app, sandlot }) => {
  const name = uniqueName('made-in-dialog');
  await app.getByRole('button', { name: 'New sandbox', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'New sandbox' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Image', { exact: true }).fill('sandlot-test/busybox:1');
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Entrypoint').fill('sleep 3600');
  await dialog.getByLabel('CPU').fill('250m');
  await dialog.getByLabel('Memory').fill('64Mi');

  // Every state the progress badge shows, in order: Pending can last only a few hundred ms,
  // too short to catch by polling, so the page records each change as it happens.
  await app.evaluate(() => {
    const w = window as unknown as { __createStates: string[] };
    w.__createStates = [];
    const record = () => {
      const state = document.querySelector('[data-testid="create-state"]')?.getAttribute('data-state');
      if (state && w.__createStates.at(-1) !== state) w.__createStates.push(state);
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();

  // The progress dialog stays only ~1 s once Running, so wait on the recorded history rather
  // than on the badge itself.
  await app.waitForFunction(() => (window as unknown as { __createStates: string[] }).__createStates.includes('Running'), undefined, { timeout: 30_000 });
  const states = await app.evaluate(() => (window as unknown as { __createStates: string[] }).__createStates);
  expect(states[0]).toBe('Pending');
  expect(states.at(-1)).toBe('Running');
  expect(states).not.toContain('Failed');

  // The dialog closes by itself and the new sandbox is selected, running.
  await expect(app.getByRole('dialog')).toHaveCount(0);
  const panel = detail(app);
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(name);
  await expect(panel.getByTestId('detail-state')).toHaveAttribute('data-state', 'Running');
  const id = await panel.getAttribute('data-detail-id');
  expect(id).toBeTruthy();
  await expect(row(app, id ?? '').getByTestId('state')).toHaveText('Running');
  await expect(row(app, id ?? '').locator('.cell-resources')).toHaveText('0.25 CPU · 64 MiB');

  // What the form sent is what the API has.
  const got = await sandlot.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`);
  expect(got.body.metadata).toEqual({ name });
  expect(got.body.entrypoint).toEqual(['sleep', '3600']);
  expect(got.body.image).toEqual({ uri: 'sandlot-test/busybox:1' });
  expect(got.body.status.state).toBe('Running');
});

test('a CPU value the API refuses shows its message next to the CPU field', async ({ app, sandlot }) => {
  const name = uniqueName('bad-cpu');
  // What the API says about the same value, to compare with what the form shows.
  const refused = await sandlot.api.call<ErrorResponse>('POST', '/v1/sandboxes', {
    image: { uri: 'sandlot-test/busybox:1' },
    entrypoint: ['sleep', '3600'],
    timeout: 600,
    resourceLimits: { cpu: 'lots', memory: '512Mi' },
  });
  expect(refused.status).toBe(400);
  const apiMessage = refused.body.message;
  const prefix = 'resourceLimits.cpu: ';
  expect(apiMessage.startsWith(prefix), apiMessage).toBe(true);
  const shown = apiMessage.slice(prefix.length);

  await app.getByRole('button', { name: 'New sandbox', exact: true }).click();
  const dialog = app.getByRole('dialog', { name: 'New sandbox' });
  await dialog.getByLabel('Image', { exact: true }).fill('sandlot-test/busybox:1');
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  const cpu = dialog.getByLabel('CPU');
  await cpu.fill('lots');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();

  await expect(cpu).toHaveAttribute('aria-invalid', 'true');
  await expect(cpu).toHaveAccessibleDescription(shown);
  // The message sits in the CPU field itself, not at the top of the form.
  const field = dialog.locator('.field').filter({ has: app.getByLabel('CPU') });
  await expect(field.locator('.field-error')).toHaveText(shown);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByLabel('Memory')).not.toHaveAttribute('aria-invalid', 'true');

  // Nothing was created, and fixing the value clears the error.
  const list = await sandlot.api.call<ListSandboxesResponse>('GET', `/v1/sandboxes?metadata=${encodeURIComponent(`name=${name}`)}`);
  expect(list.body.items).toHaveLength(0);
  await cpu.fill('1');
  await expect(cpu).not.toHaveAttribute('aria-invalid', 'true');
  await expect(field.locator('.field-error')).toHaveCount(0);
});

test('keyboard: "/" focuses Search, "n" opens the New sandbox dialog, Esc closes it', async ({ app }) => {
  await expect(app.getByRole('grid', { name: 'Sandboxes' })).toBeVisible();
  const search = searchBox(app);
  const dialog = app.getByRole('dialog', { name: 'New sandbox' });

  await app.keyboard.press('/');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');
  // Typing in the search box is typing, not a shortcut.
  await app.keyboard.type('n');
  await expect(search).toHaveValue('n');
  await expect(dialog).toHaveCount(0);
  await app.keyboard.press('Escape'); // clears the search
  await expect(search).toHaveValue('');
  await app.keyboard.press('Escape'); // leaves it
  await expect(search).not.toBeFocused();

  await app.keyboard.press('n');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Image', { exact: true })).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // And again, to show Esc left the page ready for the next shortcut.
  await app.keyboard.press('n');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await app.keyboard.press('/');
  await expect(search).toBeFocused();
});
