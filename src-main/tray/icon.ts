// The tray icon, drawn in code at any size: a rounded box (the sandbox) holding a gentle dune of
// sand. On macOS it is a black template image that the menu bar tints for light and dark mode;
// elsewhere it is one warm sand colour that reads on both light and dark taskbars.
import { encodePng } from './png';

export type IconStyle = 'template' | 'color';

/** Designed on a 16-unit grid; every size scales it. */
const GRID = 16;
const BOX = { inset: 2, radius: 3.5, stroke: 2 };
const SAMPLES = 4; // 4×4 samples per pixel: smooth edges without a rasteriser library

const COLORS: Record<IconStyle, readonly [number, number, number]> = {
  template: [0, 0, 0],
  color: [0xdf, 0xa2, 0x3c],
};

/** Signed distance from (x, y) to a rounded square filling the grid minus the inset. */
function boxDistance(x: number, y: number): number {
  const half = GRID / 2 - BOX.inset;
  const qx = Math.abs(x - GRID / 2) - half + BOX.radius;
  const qy = Math.abs(y - GRID / 2) - half + BOX.radius;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - BOX.radius;
}

/** The top of the sand at x: one dune, its crest left of centre, sloping off to the right. */
function duneTop(x: number): number {
  return 10.6 - 2.6 * Math.exp(-(((x - 6) / 3.6) ** 2));
}

/** How much of the point belongs to the glyph: 1 on the outline or in the sand, else 0. */
function inked(x: number, y: number): boolean {
  const d = boxDistance(x, y);
  if (Math.abs(d) <= BOX.stroke / 2) return true;
  // The sand sits inside the box with a hairline gap to the outline, so the two read apart.
  return d < -BOX.stroke / 2 - 0.75 && y >= duneTop(x);
}

/** RGBA pixels of the icon at size×size. */
export function drawIcon(size: number, style: IconStyle): Uint8Array {
  const [r, g, b] = COLORS[style];
  const pixels = new Uint8Array(size * size * 4);
  const unit = GRID / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (inked((px + (sx + 0.5) / SAMPLES) * unit, (py + (sy + 0.5) / SAMPLES) * unit)) hits++;
        }
      }
      const o = (py * size + px) * 4;
      pixels[o] = r;
      pixels[o + 1] = g;
      pixels[o + 2] = b;
      pixels[o + 3] = Math.round((hits / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return pixels;
}

/** The icon as PNG files for 1× (16 px) and 2× (32 px) displays. */
export function trayIconPngs(style: IconStyle): { scaleFactor: number; png: Buffer }[] {
  return [1, 2].map((scaleFactor) => {
    const size = GRID * scaleFactor;
    return { scaleFactor, png: encodePng(size, size, drawIcon(size, style)) };
  });
}
