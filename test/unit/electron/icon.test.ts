import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, trayIconPngs } from '../../../src-main/tray/icon';
import { encodePng } from '../../../src-main/tray/png';

/** Reads back what encodePng wrote (no filters, one IDAT): width, height and RGBA pixels. */
function decode(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatAt = png.indexOf('IDAT');
  const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
  const rows = Array.from({ length: height }, (_, y) => raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)));
  expect(png.toString('ascii', png.length - 8, png.length - 4)).toBe('IEND');
  return { width, height, rgba: Buffer.concat(rows) };
}

describe('tray icon', () => {
  it('encodes pixels as a PNG that decodes back to the same pixels', () => {
    const pixels = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
    const { width, height, rgba } = decode(encodePng(2, 2, pixels));
    expect([width, height]).toEqual([2, 2]);
    expect([...rgba]).toEqual([...pixels]);
  });

  it('comes in 16 px (1×) and 32 px (2×)', () => {
    const reps = trayIconPngs('template');
    expect(reps.map((r) => [r.scaleFactor, decode(r.png).width, decode(r.png).height])).toEqual([
      [1, 16, 16],
      [2, 32, 32],
    ]);
  });

  it('draws a box outline with sand inside and clear corners; template is black, colour is sand', () => {
    const alpha = (px: Uint8Array, x: number, y: number) => px[(y * 16 + x) * 4 + 3]!;
    const t = drawIcon(16, 'template');
    expect(alpha(t, 0, 0)).toBe(0); // corner outside the rounded box
    expect(alpha(t, 1, 8)).toBe(255); // left edge of the box
    expect(alpha(t, 8, 5)).toBe(0); // empty air inside the box
    expect(alpha(t, 6, 11)).toBe(255); // sand
    expect([...t.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect([...drawIcon(16, 'color').subarray(0, 3)]).toEqual([0xdf, 0xa2, 0x3c]);
  });
});
