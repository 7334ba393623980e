// The Logs tab: a real container printing a line a second. New lines appear as they are
// printed, stderr lines are marked, the filter narrows and highlights, and scrolling up stops
// following until the user asks for the latest again.
import { expect, test } from './fixtures';
import { createRunning, detail, openDetails, openTab, TICKER, uniqueName } from './ui';

test('log lines stream in, stderr is marked, the filter highlights, scrolling up pauses following', async ({ app, sandlot }) => {
  const name = uniqueName('logs');
  const id = await createRunning(sandlot.api, { metadata: { name }, entrypoint: TICKER });
  await openDetails(app, id, name);
  const panel = await openTab(app, 'Logs');
  const view = panel.getByRole('log', { name: 'Log lines' });
  await expect(panel.getByText('Live', { exact: true })).toBeVisible();

  // A line printed after the tab opened shows up without doing anything.
  await expect(view).toContainText('tick 1');
  const seen = Number(/tick (\d+)/.exec((await view.locator('.log-line').last().textContent()) ?? '')?.[1] ?? 0);
  await expect(view).toContainText(`tick ${seen + 2}`, { timeout: 10_000 });

  // stderr lines are told apart.
  const oops = view.locator('.log-line[data-stream="stderr"]').first();
  await expect(oops).toContainText(/oops \d+/);
  await expect(view.locator('.log-line[data-stream="stdout"]').first()).toContainText('tick');

  // The filter keeps matching lines and marks the match; the stderr chip hides stderr.
  await panel.getByRole('searchbox', { name: 'Filter log lines' }).fill('OOPS');
  await expect(view.locator('.log-line[data-stream="stdout"]')).toHaveCount(0);
  await expect(view.locator('mark').first()).toHaveText('oops');
  await panel.getByRole('group', { name: 'Streams' }).getByRole('checkbox', { name: /^stderr/ }).click();
  await expect(panel.getByText('No line matches the filter.')).toBeVisible();
  await panel.getByRole('group', { name: 'Streams' }).getByRole('checkbox', { name: /^stderr/ }).click();
  await panel.getByRole('searchbox', { name: 'Filter log lines' }).fill('');

  // Following: the newest line is in view until the user scrolls up.
  const follow = panel.getByRole('button', { name: 'Follow', exact: true });
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  // Enough lines to scroll (a line a second and a third, the view holds about 25).
  await expect.poll(() => view.evaluate((el) => el.scrollHeight - el.clientHeight), { timeout: 45_000 }).toBeGreaterThan(60);
  await view.hover();
  await app.mouse.wheel(0, -400);
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  const latest = panel.getByRole('button', { name: 'Latest', exact: true });
  await expect(latest).toBeVisible();
  await latest.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await expect(latest).toHaveCount(0);
  expect(await view.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(10);

  // Paused sandboxes keep their Logs tab.
  expect((await sandlot.api.call('POST', `/v1/sandboxes/${id}/pause`)).status).toBe(202);
  await expect(detail(app).getByTestId('detail-state')).toHaveText('Paused');
  await expect(panel.getByRole('log', { name: 'Log lines' })).toContainText('tick');
});
