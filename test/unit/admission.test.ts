import { describe, expect, it } from 'vitest';
import { onAnotherMachine } from '../../src-main/engine/admission';

describe('onAnotherMachine: whose folders a host path names', () => {
  it.each([
    ['unix:///var/run/docker.sock', false],
    ['unix:///Users/me/.docker/run/docker.sock', false],
    ['npipe:////./pipe/docker_engine', false],
    ['tcp://127.0.0.1:2375', false],
    ['tcp://localhost:2376', false],
    ['tcp://[::1]:2375', false],
    ['tcp://192.168.1.20:2376', true],
    ['tcp://build-box.internal:2375', true],
    ['ssh://me@build-box', true],
    ['ssh://localhost', true],
  ])('%s → %s', (host, remote) => {
    expect(onAnotherMachine(host)).toBe(remote);
  });
});
