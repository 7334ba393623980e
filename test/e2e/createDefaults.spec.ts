// Settings → Limits of new sandboxes and Docker volumes in the real UI, and the New sandbox dialog
// proposing those limits: a sandbox whose limits are left blank gets them. Screenshots at
// 1024×700 and 1920×1080, light and dark, go to this test's output folder.
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { ListSandboxesResponse } from '../../src-main/contract/schemas';
import { LABEL } from '../../src-main/runtime/labels';
import { docker, waitForState } from '../helpers/sandlot';
import { expect, test, watchErrors } from './fixtures';
import { uniqueName } from './ui';

async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  return settings;
}

test('default limits and the Docker volumes choice are set in Settings, and new sandboxes get them', async ({ ownSandlot }, testInfo) => {
  test.setTimeout(360_000);
  const own = await ownSandlot();
  const page = await own.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${own.serve.url}/`);

  let settings = await openSettings(page);
  const limits = settings.getByRole('group', { name: 'Limits of new sandboxes' });
  await expect(limits.getByLabel('Default CPU')).toHaveValue('1');
  await expect(limits.getByLabel('Default memory')).toHaveValue('1Gi');
  await expect(limits.getByLabel('Process limit')).toHaveValue('4096');
  const volumes = settings.getByRole('group', { name: 'Docker volumes' });
  const foreign = volumes.getByRole('checkbox', { name: 'Let sandboxes mount Docker volumes that Sandlot did not create' });
  await expect(foreign).not.toBeChecked();
  await expect(volumes).toContainText('Other volumes may hold another program’s data');

  // A value that is no quantity is caught next to its field, with the engine's own words.
  await limits.getByLabel('Default CPU').fill('lots');
  await limits.getByLabel('Process limit').fill('10');
  await settings.getByRole('button', { name: 'Save settings', exact: true }).click();
  await expect(limits.getByLabel('Default CPU')).toHaveAccessibleDescription('"lots" is not a CPU quantity (examples: 500m, 1, 2.5)');
  await expect(limits.getByLabel('Process limit')).toHaveAccessibleDescription('must be a whole number from 64 to 1,000,000');

  await limits.getByLabel('Default CPU').fill('750m');
  await limits.getByLabel('Default memory').fill('96Mi');
  await limits.getByLabel('Process limit').fill('300');
  await foreign.check();
  await settings.getByRole('button', { name: 'Save settings', exact: true }).click();
  await expect(settings).toHaveCount(0);

  // Kept: the dialog shows them again.
  settings = await openSettings(page);
  await expect(settings.getByLabel('Default CPU')).toHaveValue('750m');
  await expect(settings.getByLabel('Default memory')).toHaveValue('96Mi');
  await expect(settings.getByLabel('Process limit')).toHaveValue('300');
  await expect(settings.getByRole('checkbox', { name: /Docker volumes that Sandlot did not create/ })).toBeChecked();
  await page.keyboard.press('Escape');

  // The New sandbox dialog proposes them; blanks take them.
  await page.getByRole('button', { name: 'New sandbox', exact: true }).click();
  const create = page.getByRole('dialog', { name: 'New sandbox' });
  await expect(create.getByLabel('CPU', { exact: true })).toHaveValue('750m');
  await expect(create.getByLabel('Memory', { exact: true })).toHaveValue('96Mi');
  await expect(create.getByLabel('CPU', { exact: true })).toHaveAccessibleDescription('e.g. 500m, 1, 2.5; default 750m');
  const name = uniqueName('defaults');
  await create.getByLabel('Image', { exact: true }).fill('sandlot-test/busybox:1');
  await create.getByLabel('Name', { exact: true }).fill(name);
  await create.getByLabel('CPU', { exact: true }).fill('');
  await create.getByLabel('Memory', { exact: true }).fill('');
  await expect(create.getByLabel('CPU', { exact: true })).toHaveAttribute('placeholder', '750m');
  await create.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(create).toHaveCount(0, { timeout: 30_000 });
  const list = await own.api.call<ListSandboxesResponse>('GET', `/v1/sandboxes?metadata=${encodeURIComponent(`name=${name}`)}`);
  const made = list.body.items[0]!;
  await waitForState(own.api, made.id, 'Running');
  const [c] = await docker.listContainers({ filters: { label: [`${LABEL.sandboxId}=${made.id}`] } });
  const info = await docker.getContainer(c!.Id).inspect();
  expect(info.HostConfig).toMatchObject({ NanoCpus: 750_000_000, Memory: 96 * 2 ** 20, PidsLimit: 300 });

  // Look at it: Settings and the New sandbox dialog, at both sizes, light and dark.
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const [w, h] of [[1024, 700], [1920, 1080]] as const) {
      await page.setViewportSize({ width: w, height: h });
      settings = await openSettings(page);
      await settings.getByRole('group', { name: 'Docker volumes' }).scrollIntoViewIfNeeded();
      await expect(settings.getByRole('group', { name: 'Docker volumes' })).toBeInViewport();
      await page.screenshot({ path: path.join(testInfo.outputPath('screenshots'), `settings-limits-${w}x${h}-${theme}.png`) });
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'New sandbox', exact: true }).click();
      await create.getByRole('group', { name: 'Resources' }).scrollIntoViewIfNeeded();
      await expect(create.getByLabel('Memory', { exact: true })).toHaveValue('96Mi');
      await page.screenshot({ path: path.join(testInfo.outputPath('screenshots'), `create-defaults-${w}x${h}-${theme}.png`) });
      await page.keyboard.press('Escape');
      await expect(create).toHaveCount(0);
    }
  }
  expect(errors, 'browser console errors').toEqual([]);
});
