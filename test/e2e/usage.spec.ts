// Usage from real Docker stats: the Usage tab's charts gain a point about every second and show
// the numbers; the list row of a Running sandbox draws CPU and memory sparklines.
import { expect, test } from './fixtures';
import { createRunning, openDetails, openTab, row, uniqueName } from './ui';

const points = async (l: import('@playwright/test').Locator): Promise<number> => Number(await l.getAttribute('data-points'));

test('the Usage tab charts update live and the list row shows sparklines', async ({ app, sandlot }) => {
  const name = uniqueName('usage');
  // Busy for a moment so the CPU line is not flat.
  const id = await createRunning(sandlot.api, { metadata: { name }, entrypoint: ['sh', '-c', 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; sleep 3600'] });
  await openDetails(app, id, name);

  // The row's sparklines, for a Running sandbox.
  const sparks = row(app, id).getByTestId('row-usage');
  await expect(sparks).toBeVisible();
  await expect.poll(() => points(sparks.locator('svg.spark-cpu')), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);

  const panel = await openTab(app, 'Usage');
  const cpu = panel.getByTestId('usage-cpu-chart');
  const mem = panel.getByTestId('usage-mem-chart');
  await expect(cpu).toBeVisible();
  await expect(panel.getByTestId('usage-cpu-value')).toHaveText(/^\d+(\.\d)?%$/);
  await expect(panel.getByTestId('usage-mem-value')).toHaveText(/^[\d.]+ (B|KiB|MiB|GiB)$/);
  await expect(panel.getByText(/^of [\d.]+ MiB/)).toBeVisible();
  await expect(panel.getByTestId('usage-pids')).toHaveText(/^\d+$/);

  // It updates: more points a few seconds later, in both charts, and a drawn line.
  const before = await points(cpu);
  await expect.poll(() => points(cpu), { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 3);
  expect(await points(mem)).toBeGreaterThanOrEqual(before + 3);
  await expect(cpu.locator('polyline')).toHaveAttribute('points', /^[\d.]+,[\d.]+( [\d.]+,[\d.]+)+$/);

  // A paused sandbox has no live usage: the tab says so and the row drops its sparklines.
  expect((await sandlot.api.call('POST', `/v1/sandboxes/${id}/pause`)).status).toBe(202);
  await expect(panel.getByText('Live usage needs a Running sandbox; this one is Paused.')).toBeVisible();
  await expect(sparks).toHaveCount(0);
});
