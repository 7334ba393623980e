// Where the window's page comes from, and whether a frame's URL is that page. Electron-free, so
// the IPC sender check is testable: IPC answers only frames showing our own renderer.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type RendererLocation = { kind: 'dev'; url: string } | { kind: 'file'; path: string };

export interface RendererLocationInput {
  isPackaged: boolean;
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev` for hot reload. */
  devUrl: string | undefined;
  /** The built main bundle's folder (out/main); the renderer is built beside it. */
  mainDir: string;
}

export function rendererLocation(input: RendererLocationInput): RendererLocation {
  // A packaged app ignores the variable: an environment variable must not redirect the window.
  if (!input.isPackaged && input.devUrl) return { kind: 'dev', url: input.devUrl };
  return { kind: 'file', path: path.join(input.mainDir, '../renderer/index.html') };
}

/** True when frameUrl shows our renderer (any query or hash; the page routes with them). */
export function isOwnRendererUrl(frameUrl: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return url.origin === new URL(location.url).origin;
  // file: URLs have no origin to compare; the exact page is the check.
  return url.protocol === 'file:' && url.pathname === pathToFileURL(location.path).pathname;
}
