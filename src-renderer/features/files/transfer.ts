// Moving files in and out of a sandbox with one-time links: downloads are a plain link click
// (the browser streams them to disk), uploads a multipart POST the way the OpenSandbox SDK
// builds it: a `metadata` part (JSON with the target path) followed by the `file` part.
import type { SandlotBridge } from '../../../src-main/contract/bridge';
import { joinPath } from '../../lib/files';
import { refusal } from '../../lib/sse';

export async function uploadFile(bridge: SandlotBridge, id: string, dir: string, file: File): Promise<void> {
  const path = joinPath(dir, file.name);
  const { url } = await bridge.invoke('links.create', { purpose: 'upload', id });
  const form = new FormData();
  form.append('metadata', new Blob([JSON.stringify({ path })], { type: 'application/json' }), 'metadata');
  form.append('file', file.type ? file : new Blob([file], { type: 'application/octet-stream' }), file.name);
  const res = await fetch(url, { method: 'POST', body: form });
  if (!res.ok) throw await refusal(res);
}

export async function downloadFile(bridge: SandlotBridge, id: string, path: string, name: string): Promise<void> {
  const { url } = await bridge.invoke('links.create', { purpose: 'download', id, path });
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
