// Tags: filtering the list by a tag (the key=value box and a tag chip), and editing tags in
// the detail panel, saved through the engine (checked again with the API).
import type { Page } from '@playwright/test';
import type { ListSandboxesResponse, WireSandbox } from '../../src-main/contract/schemas';
import { expect, test } from './fixtures';
import { createRunning, detail, openDetails, row, uniqueName } from './ui';

function tagFilterChip(page: Page, label: string) {
  return page.getByRole('group', { name: 'Filter by tags' }).getByRole('checkbox', { name: label });
}

test('filtering by a tag hides the sandboxes without it', async ({ app, sandlot }) => {
  const team = uniqueName('team');
  const other = uniqueName('team');
  const aName = uniqueName('tagged-a');
  const bName = uniqueName('tagged-b');
  const a = await createRunning(sandlot.api, { metadata: { name: aName, team } });
  const b = await createRunning(sandlot.api, { metadata: { name: bName, team: other } });
  await expect(row(app, a)).toBeVisible();
  await expect(row(app, b)).toBeVisible();

  // The key=value box adds a checked tag chip; only the sandbox with that tag stays.
  const box = app.getByRole('combobox', { name: 'Filter by tag (key=value)' });
  await box.fill(`team=${team}`);
  await box.press('Enter');
  await expect(tagFilterChip(app, `team=${team}`)).toBeChecked();
  await expect(row(app, a)).toBeVisible();
  await expect(row(app, b)).toHaveCount(0);
  await expect(app.getByText(/^1 of \d+$/)).toBeVisible();

  // Unchecking the chip shows both again.
  await tagFilterChip(app, `team=${team}`).uncheck();
  await expect(row(app, a)).toBeVisible();
  await expect(row(app, b)).toBeVisible();

  // A tag chip in the detail panel filters by that tag too.
  const panel = await openDetails(app, b, bName);
  await app.getByRole('textbox', { name: 'Search' }).fill('');
  await panel.getByRole('button', { name: `team ${other}`, exact: true }).click();
  await expect(panel.getByRole('button', { name: `team ${other}`, exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(row(app, b)).toBeVisible();
  await expect(row(app, a)).toHaveCount(0);
  await expect(tagFilterChip(app, `team=${other}`)).toBeChecked();

  await app.getByRole('button', { name: 'Clear filters', exact: true }).click();
  await expect(row(app, a)).toBeVisible();
  await expect(row(app, b)).toBeVisible();
});

test('a tag edited in the detail panel is saved', async ({ app, sandlot }) => {
  const name = uniqueName('edit-tags');
  const id = await createRunning(sandlot.api, { metadata: { name, stage: 'draft' } });
  const panel = await openDetails(app, id, name);
  const tags = panel.getByRole('region', { name: 'Tags' });
  await expect(tags.getByRole('button', { name: 'stage draft', exact: true })).toBeVisible();

  await tags.getByRole('button', { name: 'Edit', exact: true }).click();
  const keys = tags.getByRole('textbox', { name: 'Tag key' });
  const values = tags.getByRole('textbox', { name: 'Tag value' });
  await expect(keys).toHaveCount(2);
  // Rows are name first, then the others by key.
  await expect(keys.nth(0)).toHaveValue('name');
  await expect(keys.nth(1)).toHaveValue('stage');
  await expect(values.nth(1)).toHaveValue('draft');
  await values.nth(1).fill('published');
  await tags.getByRole('button', { name: 'Add tag', exact: true }).click();
  await expect(keys).toHaveCount(3);
  await keys.nth(2).fill('owner');
  await values.nth(2).fill('e2e');
  await tags.getByRole('button', { name: 'Save tags', exact: true }).click();

  await expect(app.getByRole('status').getByText('Tags saved')).toBeVisible();
  await expect(tags.getByRole('textbox')).toHaveCount(0);
  await expect(tags.getByRole('button', { name: 'stage published', exact: true })).toBeVisible();
  await expect(tags.getByRole('button', { name: 'owner e2e', exact: true })).toBeVisible();
  await expect(tags.getByRole('button', { name: 'stage draft', exact: true })).toHaveCount(0);

  const got = await sandlot.api.call<WireSandbox>('GET', `/v1/sandboxes/${id}`);
  expect(got.status).toBe(200);
  expect(got.body.metadata).toEqual({ name, stage: 'published', owner: 'e2e' });
  // And the list filter knows the new value.
  const list = await sandlot.api.call<ListSandboxesResponse>('GET', `/v1/sandboxes?metadata=${encodeURIComponent(`name=${name}&stage=published`)}`);
  expect(list.body.items.map((s) => s.id)).toEqual([id]);
  await expect(detail(app)).toHaveAttribute('data-detail-id', id);
});
