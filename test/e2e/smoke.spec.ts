// The web UI loads signed in, and a sandbox created by a script appears without a reload.
import { createBody } from '../helpers/sandlot';
import { expect, test } from './fixtures';

test('a sandbox created by a script appears in the open page without reload', async ({ app, sandlot }) => {
  await expect(app).toHaveTitle(/Sandlot/);
  const res = await sandlot.api.call('POST', '/v1/sandboxes', createBody({ metadata: { name: 'made-by-script' } }));
  expect(res.status).toBe(202);
  await expect(app.getByText('made-by-script')).toBeVisible();
});
