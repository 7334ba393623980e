import { describe, expect, it } from 'vitest';
import { isOwnRendererUrl, rendererLocation } from '../../../src-main/electron/rendererUrl';

const built = rendererLocation({ isPackaged: true, devUrl: 'http://localhost:5173', mainDir: '/opt/Sandlot/out/main' });

describe('renderer location and the IPC sender check', () => {
  it('loads the built page, and the dev server only in an unpackaged app', () => {
    expect(built).toEqual({ kind: 'file', path: '/opt/Sandlot/out/renderer/index.html' });
    expect(rendererLocation({ isPackaged: false, devUrl: 'http://localhost:5173', mainDir: '/x/out/main' })).toEqual({ kind: 'dev', url: 'http://localhost:5173' });
    expect(rendererLocation({ isPackaged: false, devUrl: undefined, mainDir: '/x/out/main' }).kind).toBe('file');
  });

  it('accepts our built page with any query or hash, and nothing else', () => {
    expect(isOwnRendererUrl('file:///opt/Sandlot/out/renderer/index.html', built)).toBe(true);
    expect(isOwnRendererUrl('file:///opt/Sandlot/out/renderer/index.html?x=1#/sandboxes/abc', built)).toBe(true);
    expect(isOwnRendererUrl('file:///opt/Sandlot/out/renderer/other.html', built)).toBe(false);
    expect(isOwnRendererUrl('file:///tmp/evil/index.html', built)).toBe(false);
    expect(isOwnRendererUrl('https://example.com/', built)).toBe(false);
    expect(isOwnRendererUrl('not a url', built)).toBe(false);
  });

  it('accepts the dev server by origin only', () => {
    const dev = rendererLocation({ isPackaged: false, devUrl: 'http://localhost:5173/', mainDir: '/x' });
    expect(isOwnRendererUrl('http://localhost:5173/index.html#/x', dev)).toBe(true);
    expect(isOwnRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isOwnRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
  });
});
