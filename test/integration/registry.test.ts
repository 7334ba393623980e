// Private registry pulls with credentials (a real docker-registry with htpasswd), the Pending
// pull progress, and credentials kept out of labels, the store, messages and logs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CreateSandboxResponse } from '../../src-main/contract/schemas';
import type { EngineEvent } from '../../src-main/contract/sandbox';
import { LABEL } from '../../src-main/runtime/labels';
import { REGISTRY_PASSWORD, REGISTRY_USER } from '../fixtures/registry';
import { createBody, docker, startTestServer, waitForState, type TestServer } from '../helpers/sandlot';

let s: TestServer;
const events: EngineEvent[] = [];
const privateImage = inject('privateImage');

beforeAll(async () => {
  s = await startTestServer();
  s.sandlot.engine.subscribe((e) => events.push(e));
});
afterAll(async () => {
  await s?.stop();
  await docker.getImage(privateImage).remove({ force: true }).catch(() => undefined);
});

async function containersOf(id: string) {
  return docker.listContainers({ all: true, filters: { label: [`${LABEL.sandboxId}=${id}`] } });
}

describe('private registry', () => {
  it('fails with the registry\'s refusal in plain words for wrong credentials, and leaves nothing', async () => {
    const wrong = 'not-the-password-42';
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ image: { uri: privateImage, auth: { username: REGISTRY_USER, password: wrong } } }));
    expect(res.status).toBe(202);
    const failed = await waitForState(s, res.body.id, 'Failed');
    expect(failed.status.reason).toBe('image_pull_failed');
    expect(failed.status.message).toContain(`Could not pull ${privateImage}`);
    expect(failed.status.message).toMatch(/unauthorized|authentication required|no basic auth/i);
    expect(failed.status.message).not.toContain(wrong);
    expect(await containersOf(res.body.id)).toEqual([]);
  });

  it('fails the same way with no credentials at all', async () => {
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ image: { uri: privateImage } }));
    const failed = await waitForState(s, res.body.id, 'Failed');
    expect(failed.status.reason).toBe('image_pull_failed');
  });

  it('pulls with the right credentials, showing the pull while Pending, then runs', async () => {
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ image: { uri: privateImage, auth: { username: REGISTRY_USER, password: REGISTRY_PASSWORD } } }));
    expect(res.status).toBe(202);
    const running = await waitForState(s, res.body.id, 'Running');
    expect(running.image.uri).toBe(privateImage);
    const pulling = events.filter((e) => e.type === 'sandbox' && e.sandbox.id === res.body.id && e.sandbox.status.reason === 'image_pull');
    expect(pulling.length).toBeGreaterThan(0);
    expect(pulling.every((e) => e.type === 'sandbox' && e.sandbox.status.state === 'Pending' && e.sandbox.status.message.startsWith('Pulling'))).toBe(true);

    // The credentials are nowhere Sandlot writes: labels, env, the store, the settings.
    const [c] = await containersOf(res.body.id);
    const info = await docker.getContainer(c!.Id).inspect();
    expect(JSON.stringify(info.Config)).not.toContain(REGISTRY_PASSWORD);
    for (const file of ['sandboxes.json', 'sandboxes.log', 'config.json', 'server.json']) {
      expect(readFileSync(path.join(s.home, file), 'utf8')).not.toContain(REGISTRY_PASSWORD);
    }
    expect(JSON.stringify(events)).not.toContain(REGISTRY_PASSWORD);
  });

  it('does not pull an image that is already present, even with wrong credentials', async () => {
    const before = events.length;
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ image: { uri: privateImage, auth: { username: REGISTRY_USER, password: 'wrong' } } }));
    await waitForState(s, res.body.id, 'Running');
    const pulled = events.slice(before).some((e) => e.type === 'sandbox' && e.sandbox.id === res.body.id && e.sandbox.status.reason === 'image_pull');
    expect(pulled).toBe(false);
  });

  it('names a registry that does not answer', async () => {
    const res = await s.call<CreateSandboxResponse>('POST', '/v1/sandboxes', createBody({ image: { uri: '127.0.0.1:1/nothing/here:1' } }));
    const failed = await waitForState(s, res.body.id, 'Failed');
    expect(failed.status.message).toContain('Could not pull 127.0.0.1:1/nothing/here:1');
    expect(failed.status.message).toMatch(/connection refused/i);
  });
});
