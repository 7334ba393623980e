// The Files tab against a real container: browse with breadcrumbs, upload with the button (the
// file input) and by dropping a file on the listing, read an upload back with `cat` in the
// Terminal tab, make a folder, delete with confirmation.
import { expect, test } from './fixtures';
import { createRunning, detail, openDetails, openTab, runInTerminal, terminalRows, uniqueName } from './ui';

test('upload by button and by drop, read it back in the terminal, new folder, delete', async ({ app, sandlot }) => {
  const name = uniqueName('files');
  const id = await createRunning(sandlot.api, { metadata: { name } });
  await openDetails(app, id, name);
  const panel = await openTab(app, 'Files');
  const listing = () => panel.getByRole('table', { name: /^Files in / });
  const entry = (n: string) => panel.locator(`tr.file-row[data-name="${n}"]`);

  // The root, folders first; open /tmp from the listing.
  await expect(listing()).toHaveAccessibleName('Files in /');
  await expect(entry('tmp')).toBeVisible();
  await expect(entry('bin').locator('.file-mode')).toHaveText('drwxr-xr-x');
  await entry('tmp').getByRole('button', { name: 'tmp' }).click();
  await expect(listing()).toHaveAccessibleName('Files in /tmp');
  await expect(panel.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: 'tmp' })).toHaveAttribute('aria-current', 'location');

  // Upload with the button's file input.
  const text = `hello from the browser ${name}\n`;
  await panel.getByLabel('Upload files').setInputFiles({ name: 'hello.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(entry('hello.txt')).toBeVisible();
  await expect(entry('hello.txt').locator('.file-size')).toHaveText(`${Buffer.byteLength(text)} B`);
  await expect(entry('hello.txt').locator('.file-owner')).toHaveText('root');

  // Upload by dropping a file on the listing (a synthetic drag and drop with a real File).
  const drop = panel.getByTestId('file-drop');
  const dataTransfer = await app.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['dropped bytes 123'], 'dropped.txt', { type: 'text/plain' }));
    return dt;
  });
  await drop.dispatchEvent('dragenter', { dataTransfer });
  await expect(drop).toHaveClass(/is-dragging/);
  await drop.dispatchEvent('dragover', { dataTransfer });
  await drop.dispatchEvent('drop', { dataTransfer });
  await expect(drop).not.toHaveClass(/is-dragging/);
  await expect(entry('dropped.txt')).toBeVisible();

  // Both are really in the container: read them in the Terminal tab.
  await openTab(app, 'Terminal');
  await expect(detail(app).getByTestId('terminal-status')).toHaveText('Connected');
  await runInTerminal(app, 'cat /tmp/hello.txt; echo; cat /tmp/dropped.txt; echo " <end"');
  await expect(terminalRows(app)).toContainText(`hello from the browser ${name}`);
  await expect(terminalRows(app)).toContainText('dropped bytes 123 <end');

  // Back on Files: still in /tmp. A new folder, then delete it (Cancel first keeps it).
  await openTab(app, 'Files');
  await expect(listing()).toHaveAccessibleName('Files in /tmp');
  await panel.getByRole('button', { name: 'New folder', exact: true }).click();
  await panel.getByRole('textbox', { name: 'New folder name' }).fill('made-in-ui');
  await panel.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(entry('made-in-ui')).toBeVisible();
  await expect(entry('made-in-ui').locator('.file-size')).toHaveText('—');
  await entry('made-in-ui').hover();
  await entry('made-in-ui').getByRole('button', { name: 'Delete made-in-ui' }).click();
  const confirm = app.getByRole('dialog', { name: 'Delete folder?' });
  await expect(confirm.getByText('/tmp/made-in-ui')).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(entry('made-in-ui')).toBeVisible();
  await entry('made-in-ui').hover();
  await entry('made-in-ui').getByRole('button', { name: 'Delete made-in-ui' }).click();
  await confirm.getByRole('button', { name: 'Confirm delete', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(entry('made-in-ui')).toHaveCount(0);
  await expect(entry('hello.txt')).toBeVisible();

  // Breadcrumbs lead back to the root.
  await panel.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: '/', exact: true }).click();
  await expect(listing()).toHaveAccessibleName('Files in /');
});

test('download link: a file downloads with its name and bytes', async ({ app, sandlot }) => {
  const name = uniqueName('download');
  const id = await createRunning(sandlot.api, { metadata: { name } });
  await openDetails(app, id, name);
  const panel = await openTab(app, 'Files');
  await panel.locator('tr.file-row[data-name="etc"]').getByRole('button', { name: 'etc' }).click();
  const passwd = panel.locator('tr.file-row[data-name="passwd"]');
  await passwd.hover();
  const [download] = await Promise.all([app.waitForEvent('download'), passwd.getByRole('button', { name: 'Download passwd' }).click()]);
  expect(download.suggestedFilename()).toBe('passwd');
  const body = await download.createReadStream().then(async (s) => {
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(body).toContain('root:x:0:0:root:/root:/bin/sh');
});
