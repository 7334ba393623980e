// Actions in the detail panel: renew (the countdown jumps), pause and resume (the state badges
// follow), delete with confirmation (Terminated, greyed in the list).
import type { WireSandbox } from '../../src-main/contract/schemas';
import { expect, test } from './fixtures';
import { createRunning, openDetails, row, uniqueName } from './ui';

test('renewing +1 h makes the countdown jump by an hour', async ({ app, sandlot }) => {
  const name = uniqueName('renew');
  const id = await createRunning(sandlot.api, { metadata: { name }, timeout: 600 });
  const before = (await sandlot.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.expiresAt!;
  const panel = await openDetails(app, id, name);

  // 600 s timeout: "9m 5Xs" in the panel and in the row.
  const ttl = panel.getByTestId('detail-ttl');
  await expect(ttl).toHaveText(/^9m \d\ds$/);
  await expect(row(app, id).getByTestId('ttl')).toHaveText(/^9m \d\ds$/);
  const shownBefore = (await ttl.textContent()) ?? '';

  await panel.getByRole('button', { name: 'Renew +1 h', exact: true }).click();
  // "1h 09m 5Xs": an hour more than before.
  await expect(ttl).toHaveText(/^1h 09m \d\ds$/);
  await expect(row(app, id).getByTestId('ttl')).toHaveText(/^1h 09m \d\ds$/);
  await expect(app.getByRole('status').getByText(/^Expiry moved to /)).toBeVisible();
  expect(shownBefore).not.toBe(await ttl.textContent());

  const after = (await sandlot.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.expiresAt!;
  expect(Date.parse(after) - Date.parse(before)).toBe(3600_000);
});

test('pause and resume show Paused, then Running again', async ({ app, sandlot }) => {
  const name = uniqueName('pause');
  const id = await createRunning(sandlot.api, { metadata: { name } });
  const panel = await openDetails(app, id, name);
  const badge = panel.getByTestId('detail-state');
  const rowBadge = row(app, id).getByTestId('state');
  const pause = panel.getByRole('button', { name: 'Pause', exact: true });
  const resume = panel.getByRole('button', { name: 'Resume', exact: true });
  await expect(badge).toHaveText('Running');
  await expect(resume).toBeDisabled();

  await pause.click();
  await expect(badge).toHaveText('Paused');
  await expect(rowBadge).toHaveText('Paused');
  await expect(pause).toBeDisabled();
  await expect(resume).toBeEnabled();
  expect((await sandlot.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.status.state).toBe('Paused');

  await resume.click();
  await expect(badge).toHaveText('Running');
  await expect(rowBadge).toHaveText('Running');
  await expect(pause).toBeEnabled();
  expect((await sandlot.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body.status.state).toBe('Running');
});

test('delete asks first, then the sandbox is Terminated and greyed in the list', async ({ app, sandlot }) => {
  const name = uniqueName('delete');
  const id = await createRunning(sandlot.api, { metadata: { name } });
  const panel = await openDetails(app, id, name);

  // Cancel keeps it.
  await panel.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = app.getByRole('dialog', { name: 'Delete sandbox?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByText(name)).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(panel.getByTestId('detail-state')).toHaveText('Running');

  await panel.getByRole('button', { name: 'Delete', exact: true }).click();
  await confirm.getByRole('button', { name: 'Confirm delete', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(panel.getByTestId('detail-state')).toHaveText('Terminated');
  const r = row(app, id);
  await expect(r.getByTestId('state')).toHaveText('Terminated');
  await expect(r).toHaveClass(/\bis-final\b/);
  await expect(r.locator('.cell-name')).toHaveCSS('opacity', '0.55');
  await expect(r.getByTestId('ttl')).toHaveText('ended');
  await expect(panel.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
  await expect(panel.getByRole('button', { name: 'Pause', exact: true })).toBeDisabled();

  const got = (await sandlot.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`)).body;
  expect(got.status.state).toBe('Terminated');
  expect(got.status.reason).toBe('user_delete');
});
