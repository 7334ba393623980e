// Settings → Docker engine in the real UI: a Sandlot of this test's own, whose home folder has a
// real Docker socket at ~/.colima/default/docker.sock (a relay to the machine's daemon), finds it
// beside /var/run/docker.sock, switches to it, says so in the header, refuses it in plain words
// when it stops answering, and remembers the choice.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DockerRelay } from '../helpers/dockerRelay';
import { waitForState } from '../helpers/sandlot';
import { expect, test, watchErrors } from './fixtures';
import { createByScript, row, uniqueName } from './ui';

test('Settings lists the Docker engines found, switches between them and remembers the choice', async ({ ownSandlot }) => {
  const fakeHome = mkdtempSync(path.join(os.tmpdir(), 'sl-e2e-home-'));
  const colimaSock = path.join(fakeHome, '.colima', 'default', 'docker.sock');
  const colima = `unix://${colimaSock}`;
  mkdirSync(path.dirname(colimaSock), { recursive: true });
  const relay = new DockerRelay(colimaSock);
  await relay.start();
  try {
    const own = await ownSandlot({ env: { HOME: fakeHome, DOCKER_HOST: '', DOCKER_CONTEXT: '' } });
    const page = await own.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${own.serve.url}/`);
    const indicator = page.locator('.engine-indicator');
    await expect(indicator).toHaveText(/^Docker \d+\.\d+(\.\d+)? · Docker Engine$/);

    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByRole('group', { name: 'Docker engine' });
    const engines = section.getByRole('radiogroup', { name: 'Docker engine' });
    const automatic = engines.locator('[data-host="automatic"]');
    const engineRow = engines.locator('[data-host="unix:///var/run/docker.sock"]');
    const colimaRow = engines.locator(`[data-host="${colima}"]`);
    await expect(automatic.getByRole('radio')).toBeChecked();
    await expect(automatic).toContainText('now Docker Engine');
    await expect(engineRow).toContainText('Docker Engine');
    await expect(engineRow).toContainText('In use');
    await expect(colimaRow).toContainText('Colima');
    await expect(colimaRow).toContainText(colima);
    await expect(colimaRow).toContainText(/Docker \d+\.\d+/);
    await expect(colimaRow).not.toContainText('In use');

    await colimaRow.getByRole('radio').check();
    await expect(page.getByRole('status').getByText('Sandlot now uses Colima')).toBeVisible();
    await expect(colimaRow).toContainText('In use');
    await expect(engineRow).not.toContainText('In use');
    await expect(indicator).toHaveText(/^Docker \d+\.\d+(\.\d+)? · Colima$/);
    // Kept out of docs/ so a test run leaves the tree clean; docs/screenshots has a copy.
    await section.screenshot({ path: 'test-results/engines/settings-engines.png' });

    // A sandbox made now lives on Colima's engine.
    await page.getByRole('button', { name: 'Cancel' }).click();
    const name = uniqueName('on-colima');
    const id = await createByScript(own.api, { metadata: { name } });
    await waitForState(own.api, id, 'Running');
    await expect(row(page, id).getByTestId('state')).toHaveText('Running');

    // Back to the default socket; then Colima stops answering and choosing it is refused.
    await page.getByRole('button', { name: 'Settings' }).click();
    await engineRow.getByRole('radio').check();
    await expect(engineRow).toContainText('In use');
    await relay.stop();
    // What a stopped Colima leaves behind: its socket file, with nobody listening.
    writeFileSync(colimaSock, '');
    await section.getByRole('button', { name: 'Look again' }).click();
    await expect(colimaRow).toContainText('Not running (connection refused)');
    // click, not check: the refusal puts the previous choice back at once.
    await colimaRow.getByRole('radio').click();
    await expect(section.locator('.form-error')).toContainText(`Colima (${colima}) does not answer: Not running (connection refused). Start it, or pick another engine; Sandlot stays on Docker Engine.`);
    await expect(engineRow.getByRole('radio')).toBeChecked();
    await expect(engineRow).toContainText('In use');

    // Remembered: a new page (and a new look) shows the same choice.
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(engineRow.getByRole('radio')).toBeChecked();
    await expect(indicator).toHaveText(/· Docker Engine$/);
    expect(errors, 'browser console errors').toEqual([]);
    await page.close();
  } finally {
    await relay.stop();
    rmSync(fakeHome, { recursive: true, force: true });
  }
});
