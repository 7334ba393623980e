// The Docker-down banner: a Sandlot of this test's own reaches Docker through a unix-socket relay
// (DOCKER_HOST=unix://<relay>), so stopping the relay makes Docker go away for that server only.
// The banner appears by itself, and goes away by itself when Docker is back.
import { DockerRelay } from '../helpers/dockerRelay';
import { waitForState } from '../helpers/sandlot';
import { expect, test, watchErrors } from './fixtures';
import { createByScript, row, uniqueName } from './ui';

test('the banner says Docker is not reachable while it is away, and goes by itself when it is back', async ({ ownSandlot }) => {
  const relay = new DockerRelay();
  await relay.start();
  const own = await ownSandlot({ env: { DOCKER_HOST: relay.dockerHost } });
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

    await relay.stop();
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Sandlot reconnects by itself');
    await expect(banner.getByText(relay.socketPath)).toBeVisible();
    await expect(indicator).toHaveText('Docker unreachable');
    // The sandbox keeps its record (and its row) meanwhile.
    await expect(row(page, id)).toBeVisible();

    await relay.start();
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    await expect(indicator).toHaveText(/^Docker \d+\.\d+/);
    await expect(row(page, id).getByTestId('state')).toHaveText('Running');
    expect(errors, 'browser console errors').toEqual([]);
    await page.close();
  } finally {
    await relay.stop();
  }
});
