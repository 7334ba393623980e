// The rule that keeps one mount from redirecting another (engine/hostMounts.ts), and the kernel
// mount table it is verified with (engine/mountInfo.ts): pure logic, checked on many paths.
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { swapRisk, swapRiskWords, type HostMountUse } from '../../src-main/engine/hostMounts';
import { locate, mountedAt, parseMountInfo, resolveInContainer } from '../../src-main/engine/mountInfo';
import { tempDir } from './support';

const segment = fc.constantFrom('a', 'b', 'c', 'a b', '..a', 'ab');
const folder = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.join('/')}`.replace(/\/$/, '') || '/');
const use = fc.record({ source: folder, readOnly: fc.boolean(), holder: fc.constant('sandbox x') });

/** Whether writing inside `outer` could rename a folder on the way to `inner` (inner strictly below outer). */
function onTheWay(inner: string, outer: string): boolean {
  if (inner === outer) return false;
  const rel = path.posix.relative(outer, inner);
  return rel !== '' && !rel.startsWith('../') && rel !== '..';
}

describe('swapRisk', () => {
  it('flags exactly the pairs where one lies below the other and the outer one is writable', () => {
    fc.assert(
      fc.property(use, fc.array(use, { maxLength: 5 }), (mount, others) => {
        const risky = others.filter((o) => (!o.readOnly && onTheWay(mount.source, o.source)) || (!mount.readOnly && onTheWay(o.source, mount.source)));
        const found = swapRisk(mount, others);
        expect(found === null).toBe(risky.length === 0);
        if (found) expect(risky).toContain(found.other);
      }),
      { numRuns: 2000 },
    );
  });

  it('is symmetric: if A endangers B, B is refused next to A', () => {
    fc.assert(
      fc.property(use, use, (a, b) => {
        const ab = swapRisk(a, [b]);
        const ba = swapRisk(b, [a]);
        expect(ab === null).toBe(ba === null);
        if (ab && ba) expect(ab.theirs).toBe(!ba.theirs);
      }),
      { numRuns: 2000 },
    );
  });

  it('lets the same folder be mounted twice, read-write or not, and read-only mounts nest freely', () => {
    const others: HostMountUse[] = [{ source: '/data', readOnly: false, holder: 'sandbox a' }];
    expect(swapRisk({ source: '/data', readOnly: false }, others)).toBeNull();
    expect(swapRisk({ source: '/data/sub', readOnly: true }, [{ source: '/data', readOnly: true, holder: 'sandbox a' }])).toBeNull();
    expect(swapRisk({ source: '/data', readOnly: true }, [{ source: '/data/sub', readOnly: true, holder: 'sandbox a' }])).toBeNull();
    // `/database` is not inside `/data`.
    expect(swapRisk({ source: '/database', readOnly: false }, others)).toBeNull();
  });

  it('says who could swap what, and what to do instead', () => {
    const theirs = swapRisk({ source: '/data/real', readOnly: true }, [{ source: '/data', readOnly: false, holder: 'sandbox s1' }])!;
    expect(swapRiskWords('/data/real', theirs)).toBe(
      '"/data/real" lies inside "/data", which sandbox s1 can write: it could swap a folder on the way for a symlink while this sandbox starts. Mount "/data" itself, or delete sandbox s1 first',
    );
    const ours = swapRisk({ source: '/data', readOnly: false }, [{ source: '/data/real', readOnly: true, holder: 'container web' }])!;
    expect(swapRiskWords('/data', ours)).toContain('Mount it read-only');
  });
});

const SELF = [
  '26 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
  '44 26 254:0 /var/lib/docker /var/lib/docker rw,relatime shared:1 - ext4 /dev/vda rw',
  '50 26 0:40 / /tmp rw - tmpfs tmpfs rw',
  '51 50 0:41 / /tmp/over rw - tmpfs tmpfs rw',
  '52 50 0:42 / /tmp/over rw - tmpfs tmpfs rw',
  '53 26 8:3 /home/me /srv/my\\040files rw - ext4 /dev/sda3 rw',
].join('\n');

describe('mountinfo', () => {
  const entries = parseMountInfo(SELF);

  it('reads mount points and roots, with escaped spaces', () => {
    expect(entries).toHaveLength(6);
    expect(entries[5]).toEqual({ majmin: '8:3', root: '/home/me', mountPoint: '/srv/my files' });
  });

  it('locates a real path in the deepest mount that holds it, the last one at that point', () => {
    expect(locate(entries, '/etc/x')).toEqual({ majmin: '254:0', root: '/etc/x' });
    expect(locate(entries, '/tmp/a/b')).toEqual({ majmin: '0:40', root: '/a/b' });
    expect(locate(entries, '/tmp/over/x')).toEqual({ majmin: '0:42', root: '/x' });
    expect(locate(entries, '/tmp/overly')).toEqual({ majmin: '0:40', root: '/overly' });
    expect(locate(entries, '/srv/my files/proj')).toEqual({ majmin: '8:3', root: '/home/me/proj' });
    expect(locate(entries, '/var/lib/docker/volumes/v/_data')).toEqual({ majmin: '254:0', root: '/var/lib/docker/volumes/v/_data' });
  });

  it('finds what a container has at a mount point: the checked folder, or the host root after a swap', () => {
    const good = parseMountInfo('600 590 0:40 /race/real /data ro,relatime - tmpfs tmpfs rw');
    const swapped = parseMountInfo('600 590 254:0 / /data ro,relatime - ext4 /dev/vda rw');
    expect(mountedAt(good, '/data')).toMatchObject(locate(entries, '/tmp/race/real')!);
    expect(mountedAt(swapped, '/data')).not.toMatchObject(locate(entries, '/tmp/race/real')!);
    expect(mountedAt(good, '/elsewhere')).toBeNull();
  });
});

describe('resolveInContainer', () => {
  // This process's own root stands in for a container's: /proc/<pid>/root of the test itself.
  const { dir, remove } = tempDir();
  mkdirSync(path.join(dir, 'run', 'lock'), { recursive: true });
  symlinkSync(path.join(dir, 'run'), path.join(dir, 'varrun'));
  symlinkSync('../run/lock', path.join(dir, 'run', 'up'));
  symlinkSync('loop-b', path.join(dir, 'loop-a'));
  symlinkSync('loop-a', path.join(dir, 'loop-b'));

  it('follows absolute and relative links as the container would, and keeps what does not exist yet', async () => {
    expect(await resolveInContainer(process.pid, `${dir}/varrun/docker.sock`)).toBe(`${dir}/run/docker.sock`);
    expect(await resolveInContainer(process.pid, `${dir}/run/up/x`)).toBe(`${dir}/run/lock/x`);
    expect(await resolveInContainer(process.pid, `${dir}/./run/../run/lock`)).toBe(`${dir}/run/lock`);
    expect(await resolveInContainer(process.pid, '/../../etc')).toBe('/etc');
    expect(await resolveInContainer(process.pid, `${dir}/nothing/here`)).toBe(`${dir}/nothing/here`);
  });

  it('gives up on a loop', async () => {
    expect(await resolveInContainer(process.pid, `${dir}/loop-a/x`)).toBeNull();
    remove();
  });
});
