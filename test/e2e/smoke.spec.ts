// The web UI loads signed in, and a sandbox created by a script appears without a reload and
// follows its state (Pending → Running) by itself.
import type { CreateSandboxResponse } from '../../src-main/contract/schemas';
import { createBody } from '../helpers/sandlot';
import { expect, test } from './fixtures';
import { row, uniqueName } from './ui';

test('a sandbox created by a script appears in the open page without reload', async ({ app, sandlot }) => {
  await expect(app).toHaveTitle(/Sandlot/);
  await expect(app.getByRole('grid', { name: 'Sandboxes' })).toBeVisible();
  const name = uniqueName('made-by-script');
  const res = await sandlot.api.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ metadata: { name } }));
  expect(res.status).toBe(202);
  await expect(app.getByText(name)).toBeVisible();
  await expect(row(app, res.body.id).getByTestId('state')).toHaveText('Running');
});
