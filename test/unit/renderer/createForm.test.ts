import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-main/contract/settings';
import { emptyForm, newVolumeRow, slotForField, toRequest, type CreateForm } from '../../../src-renderer/features/create/form';
import { newTagRow } from '../../../src-renderer/lib/tags';

const base = (over: Partial<CreateForm> = {}): CreateForm => ({ ...emptyForm(DEFAULT_SETTINGS), image: 'busybox', ...over });

describe('the create form', () => {
  it('defaults the entrypoint to sleep infinity and maps the name to metadata.name', () => {
    const out = toRequest(base({ name: 'My box', tags: [newTagRow('team', 'ml')] }));
    expect(out.errors).toBeNull();
    expect(out.request).toMatchObject({
      image: { uri: 'busybox' },
      entrypoint: ['sleep', 'infinity'],
      metadata: { team: 'ml', name: 'My box' },
      resourceLimits: { cpu: '1', memory: '1Gi' },
      timeout: 3600,
    });
  });

  it('proposes the default limits of settings, and leaves a blank one for Sandlot to fill', () => {
    const form = emptyForm({ defaultTimeoutSeconds: 600, defaultCpu: '2', defaultMemory: '3Gi' });
    expect(form).toMatchObject({ cpu: '2', memory: '3Gi', timeout: 600 });
    const out = toRequest({ ...form, image: 'busybox', cpu: ' ', memory: '' });
    expect(out.errors).toBeNull();
    expect(out.request?.resourceLimits).toEqual({});
  });

  it('splits the entrypoint like a shell and sends no expiry as null', () => {
    const out = toRequest(base({ entrypoint: `sh -c 'sleep 5; echo "done"'`, timeout: null }));
    expect(out.request?.entrypoint).toEqual(['sh', '-c', 'sleep 5; echo "done"']);
    expect(out.request?.timeout).toBeNull();
  });

  it('catches what it can before sending', () => {
    const tag = newTagRow('-x', 'y');
    const out = toRequest(base({ image: ' ', entrypoint: 'echo "open', tags: [tag], username: 'me' }));
    expect(out.errors).toMatchObject({ image: expect.any(String), entrypoint: expect.stringMatching(/quote/), password: expect.any(String) });
    expect(out.errors?.[`tag:${tag.rowId}`]).toMatch(/1-63 characters/);
  });

  it('builds volumes with generated names', () => {
    const v = { ...newVolumeRow(), kind: 'host' as const, source: '/srv/data', mountPath: '/data', readOnly: true };
    const out = toRequest(base({ volumes: [v] }));
    expect(out.request?.volumes).toEqual([{ name: 'volume-1', mountPath: '/data', readOnly: true, host: { path: '/srv/data' } }]);
  });

  it('puts engine field errors next to their inputs', () => {
    const tag = newTagRow('team', 'x');
    const v = newVolumeRow();
    const f = base({ tags: [tag], volumes: [v] });
    expect(slotForField('resourceLimits.cpu', f)).toBe('cpu');
    expect(slotForField('image.uri', f)).toBe('image');
    expect(slotForField('metadata.name', f)).toBe('name');
    expect(slotForField('metadata.team', f)).toBe(`tag:${tag.rowId}`);
    expect(slotForField('volumes[0].host.path', f)).toBe(`volume:${v.rowId}`);
    expect(slotForField('timeout', f)).toBe('timeout');
    expect(slotForField('snapshotId', f)).toBeNull();
  });
});
