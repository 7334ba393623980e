// A SandboxRecord with sensible defaults, for renderer unit tests.
import type { SandboxRecord } from '../../../src-main/contract/sandbox';

export function record(id: string, over: Partial<SandboxRecord> & { state?: SandboxRecord['status']['state'] } = {}): SandboxRecord {
  const { state = 'Running', ...rest } = over;
  return {
    id,
    containerId: null,
    image: 'sandlot-test/busybox:1',
    entrypoint: ['sleep', 'infinity'],
    metadata: {},
    resourceLimits: { cpu: '500m', memory: '128Mi' },
    platform: null,
    volumes: [],
    ports: {},
    status: { state, reason: 'started', message: 'The sandbox is running', lastTransitionAt: '2030-01-01T00:00:00.000Z' },
    createdAt: '2030-01-01T00:00:00.000Z',
    expiresAt: '2030-01-01T01:00:00.000Z',
    finishedAt: null,
    ...rest,
  };
}
