// Pure parts of the inside tabs: paths and modes (Files), filters and highlights (Logs), history,
// scales and rates (Usage), sparkline geometry, and which tabs a sandbox can show.
import { describe, expect, it } from 'vitest';
import type { UsageSample } from '../../../src-main/contract/inside';
import type { SandboxState } from '../../../src-main/contract/sandbox';
import { tabUnavailable } from '../../../src-renderer/features/detail/tabs';
import { usageSeries } from '../../../src-renderer/features/usage/points';
import { crumbs, joinPath, modeString, parentPath, validName } from '../../../src-renderer/lib/files';
import { highlightParts, logText, matchesLog } from '../../../src-renderer/lib/logs';
import { withParams } from '../../../src-renderer/lib/sse';
import { appendSample, formatBytesShort, formatPercent, niceBytesMax, niceMax, rate, USAGE_WINDOW_MS } from '../../../src-renderer/lib/usage';
import { sparkPoints } from '../../../src-renderer/ui/Sparkline';
import { record } from './fixtures';

const sample = (sec: number, over: Partial<UsageSample> = {}): UsageSample => ({
  at: new Date(Date.UTC(2030, 0, 1, 0, 0, sec)).toISOString(),
  cpuPercent: 10,
  cpuCores: 1,
  memoryBytes: 1024,
  memoryLimitBytes: 4096,
  networkRxBytes: sec * 100,
  networkTxBytes: 0,
  pids: 2,
  ...over,
});

describe('files', () => {
  it('joins, climbs and splits absolute paths', () => {
    expect(joinPath('/', 'tmp')).toBe('/tmp');
    expect(joinPath('/tmp', 'a.txt')).toBe('/tmp/a.txt');
    expect(parentPath('/tmp/a')).toBe('/tmp');
    expect(parentPath('/tmp')).toBe('/');
    expect(parentPath('/')).toBe('/');
    expect(crumbs('/work/reports')).toEqual([
      { name: '/', path: '/' },
      { name: 'work', path: '/work' },
      { name: 'reports', path: '/work/reports' },
    ]);
    expect(crumbs('/')).toEqual([{ name: '/', path: '/' }]);
  });

  it('reads execd modes (octal digits as a number) as rwx', () => {
    expect(modeString(755)).toBe('rwxr-xr-x');
    expect(modeString(644)).toBe('rw-r--r--');
    expect(modeString(600)).toBe('rw-------');
    expect(modeString(1777)).toBe('rwxrwxrwx');
    expect(modeString(0)).toBe('---------');
  });

  it('refuses folder names with slashes, empty, . and ..', () => {
    expect(validName('data')).toBeNull();
    expect(validName(' ')).not.toBeNull();
    expect(validName('a/b')).not.toBeNull();
    expect(validName('..')).not.toBeNull();
  });
});

describe('logs', () => {
  const out = { stream: 'stdout' as const, text: 'Tick 12 done', at: null };
  const err = { stream: 'stderr' as const, text: 'oops tick', at: null };
  it('filters by text (any case) and stream', () => {
    expect(matchesLog(out, { text: 'tick', stdout: true, stderr: true })).toBe(true);
    expect(matchesLog(out, { text: 'nope', stdout: true, stderr: true })).toBe(false);
    expect(matchesLog(err, { text: '', stdout: true, stderr: false })).toBe(false);
    expect(matchesLog(err, { text: 'OOPS', stdout: false, stderr: true })).toBe(true);
  });

  it('cuts a line around every match, keeping the original case', () => {
    expect(highlightParts('a Tick, a tick', 'tick')).toEqual([
      { text: 'a ', match: false },
      { text: 'Tick', match: true },
      { text: ', a ', match: false },
      { text: 'tick', match: true },
    ]);
    expect(highlightParts('abc', '')).toEqual([{ text: 'abc', match: false }]);
    expect(logText([out, err])).toBe('Tick 12 done\noops tick');
  });
});

describe('usage', () => {
  it('keeps two minutes of history and ignores a repeated reading', () => {
    let h: UsageSample[] = [];
    for (let s = 0; s < 200; s += 1) h = appendSample(h, sample(s));
    const span = Date.parse(h[h.length - 1]!.at) - Date.parse(h[0]!.at);
    expect(span).toBeLessThanOrEqual(USAGE_WINDOW_MS + 5_000);
    expect(span).toBeGreaterThanOrEqual(USAGE_WINDOW_MS);
    expect(appendSample(h, sample(199))).toBe(h);
  });

  it('rounds axes up to friendly values', () => {
    expect(niceMax(3, 5)).toBe(5); // the floor wins over 3 plus headroom
    expect(niceMax(40, 5)).toBe(50);
    expect(niceMax(90, 5)).toBe(200);
    expect(niceBytesMax(1024, 8 * 1024 * 1024)).toBe(8 * 1024 * 1024);
    expect(niceBytesMax(9 * 1024 * 1024, 1)).toBe(16 * 1024 * 1024);
  });

  it('derives a rate from the last two totals', () => {
    expect(rate([sample(1), sample(3)], (s) => s.networkRxBytes)).toBe(100);
    expect(rate([sample(1)], (s) => s.networkRxBytes)).toBeNull();
  });

  it('formats short numbers for the list', () => {
    expect(formatPercent(0.42)).toBe('0.4%');
    expect(formatPercent(123.4)).toBe('123%');
    expect(formatBytesShort(512)).toBe('512B');
    expect(formatBytesShort(1.5 * 1024 * 1024)).toBe('1.5M');
    expect(formatBytesShort(980 * 1024)).toBe('980K');
    expect(formatBytesShort(1000 * 1024)).toBe('1.0M');
  });

  it('makes the chart points of a history once, ending at its newest reading', () => {
    const h = [sample(1), sample(2, { cpuPercent: 50, memoryBytes: 2048 })];
    const t = (sec: number) => Date.UTC(2030, 0, 1, 0, 0, sec);
    const series = usageSeries(h);
    expect(series).toEqual({
      cpu: [{ t: t(1), v: 10 }, { t: t(2), v: 50 }],
      memory: [{ t: t(1), v: 1024 }, { t: t(2), v: 2048 }],
      end: t(2),
    });
    // The same history gives the same object (a row re-rendering redoes nothing); a new one is made anew.
    expect(usageSeries(h)).toBe(series);
    const next = appendSample(h, sample(3));
    expect(usageSeries(next)).not.toBe(series);
    expect(usageSeries(next).end).toBe(t(3));
    expect(usageSeries([])).toMatchObject({ cpu: [], memory: [] });
  });
});

describe('sparkline', () => {
  it('places points by time across the window and by value up the height', () => {
    const pts = [
      { t: 0, v: 0 },
      { t: 50, v: 5 },
      { t: 100, v: 10 },
    ];
    expect(sparkPoints(pts, 100, 100, 10, 100, 12)).toBe('0.0,11.0 50.0,6.0 100.0,1.0');
  });

  it('drops points before the window and clamps values above the top', () => {
    expect(sparkPoints([{ t: -1, v: 1 }, { t: 100, v: 99 }], 100, 100, 10, 100, 12)).toBe('100.0,1.0');
  });
});

describe('detail tabs', () => {
  it('offers logs for sandboxes with a container and the rest only while Running', () => {
    const r = (state: SandboxState, containerId: string | null = 'c1') => ({ ...record('a', { state }), containerId });
    expect(tabUnavailable('overview', r('Terminated'))).toBeUndefined();
    expect(tabUnavailable('terminal', r('Running'))).toBeUndefined();
    expect(tabUnavailable('logs', r('Paused'))).toBeUndefined();
    expect(tabUnavailable('logs', r('Failed'))).toBeUndefined();
    expect(tabUnavailable('logs', r('Failed', null))).toMatch(/before it had a container/);
    expect(tabUnavailable('logs', r('Terminated'))).toMatch(/no container/);
    expect(tabUnavailable('files', r('Paused'))).toBe('Browsing files needs a Running sandbox; this one is Paused.');
  });
});

describe('links', () => {
  it('adds query parameters to a ticket URL', () => {
    expect(withParams('ws://127.0.0.1:1/v1/sandboxes/a/terminal?ticket=T', { cols: 80, rows: 24 })).toBe('ws://127.0.0.1:1/v1/sandboxes/a/terminal?ticket=T&cols=80&rows=24');
  });
});
