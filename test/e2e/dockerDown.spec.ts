// The Docker-down banner: a Sandlot of this test's own runs on a second, real dockerd
// (test/fixtures/secondDockerd.ts: its own socket, data-root and bridge), which the test really
// stops and starts again, without disturbing the main daemon. The banner appears by itself, and
// goes away by itself when Docker is back.
import { SecondDockerd } from '../fixtures/secondDockerd';
import { waitForState } from '../helpers/sandlot';
import { expect, test, watchErrors } from './fixtures';
import { createByScript, row, uniqueName } from './ui';

test('the banner says Docker is not reachable while it is away, and goes by itself when it is back', async ({ ownSandlot }) => {
  // Live-restore: the sandbox's container keeps running while the daemon is down.
  const daemon = await SecondDockerd.create({ liveRestore: true });
  const own = await ownSandlot({ env: { DOCKER_HOST: daemon.dockerHost } });
  try {
    const name = uniqueName('survives');
    const id = await createByScript(own.api, { metadata: { name } });
    await waitForState(own.api, id, 'Running');

    const page = await own.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${own.serve.url}/`);
    const banner = page.getByRole('alert').filter({ hasText: 'Docker is not reachable' });
    const indicator = page.getByRole('status').filter({ hasText: /Docker/ }).first();
    await expect(row(page, id).getByTestId('state')).toHaveText('Running');
    await expect(indicator).toHaveText(/^Docker \d+\.\d+/);
    await expect(banner).toHaveCount(0);

    await daemon.stop();
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Sandlot reconnects by itself');
    await expect(banner.getByText(daemon.socketPath)).toBeVisible();
    await expect(indicator).toHaveText('Docker unreachable');
    // The sandbox keeps its record (and its row) meanwhile.
    await expect(row(page, id)).toBeVisible();

    await daemon.start();
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    await expect(indicator).toHaveText(/^Docker \d+\.\d+/);
    await expect(row(page, id).getByTestId('state')).toHaveText('Running');
    expect(errors, 'browser console errors').toEqual([]);
    await page.close();
  } finally {
    await daemon.destroy();
  }
});
