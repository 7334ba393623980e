// The Terminal tab: a real shell in a real container through the terminal WebSocket, typed into
// through xterm.js in Chromium. The shell survives switching tabs, and a new one starts after
// `exit`. The tabs work from the keyboard.
import { expect, test } from './fixtures';
import { createRunning, detail, detailTab, openDetails, openTab, runInTerminal, terminalRows, uniqueName } from './ui';

test('a command typed in the Terminal tab prints its output; the shell survives tab switches and reconnects after exit', async ({ app, sandlot }) => {
  const name = uniqueName('term');
  const id = await createRunning(sandlot.api, { metadata: { name } });
  await openDetails(app, id, name);
  const panel = await openTab(app, 'Terminal');
  const status = panel.getByTestId('terminal-status');
  await expect(status).toHaveText('Connected');

  await runInTerminal(app, 'echo sandlot-$((6*7)); KEPT=still-here');
  await expect(terminalRows(app)).toContainText('sandlot-42');

  // Away and back: the same shell (its variable is still set), the output still on screen.
  await openTab(app, 'Overview');
  await expect(panel).toBeHidden();
  await openTab(app, 'Files');
  await openTab(app, 'Terminal');
  await expect(status).toHaveText('Connected');
  await expect(terminalRows(app)).toContainText('sandlot-42');
  await runInTerminal(app, 'echo "$KEPT-$((1+1))"');
  await expect(terminalRows(app)).toContainText('still-here-2');

  // exit ends the shell; Reconnect opens a new one (with a new one-time link).
  await runInTerminal(app, 'exit 3');
  await expect(status).toHaveText('Shell exited with code 3');
  await panel.getByRole('button', { name: 'Reconnect', exact: true }).click();
  await expect(status).toHaveText('Connected');
  await runInTerminal(app, 'echo "[$KEPT]" second-$((2*3))');
  await expect(terminalRows(app)).toContainText('[] second-6');
});

test('detail tabs move with the arrow keys and explain themselves for a paused sandbox', async ({ app, sandlot }) => {
  const name = uniqueName('tabs');
  const id = await createRunning(sandlot.api, { metadata: { name } });
  await openDetails(app, id, name);
  const overview = detailTab(app, 'Overview');
  await overview.click();
  await expect(overview).toBeFocused();
  await app.keyboard.press('ArrowRight');
  await expect(detailTab(app, 'Logs')).toHaveAttribute('aria-selected', 'true');
  await expect(detailTab(app, 'Logs')).toBeFocused();
  await app.keyboard.press('End');
  await expect(detailTab(app, 'Usage')).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('ArrowRight');
  await expect(overview).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('ArrowLeft');
  await expect(detailTab(app, 'Usage')).toHaveAttribute('aria-selected', 'true');

  expect((await sandlot.api.call('POST', `/v1/sandboxes/${id}/pause`)).status).toBe(202);
  await expect(detail(app).getByTestId('detail-state')).toHaveText('Paused');
  const terminal = await openTab(app, 'Terminal');
  await expect(terminal.getByText('A terminal needs a Running sandbox; this one is Paused.')).toBeVisible();
  await expect(detailTab(app, 'Terminal')).toHaveClass(/is-unavailable/);
  await expect(detailTab(app, 'Logs')).not.toHaveClass(/is-unavailable/);
});
