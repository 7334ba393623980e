// Reads a server-sent event stream with fetch (the one-time ticket URLs need no headers, but
// fetch lets us abort and see the status) and hands each frame's data to `onData`. Resolves when
// the server ends the stream; rejects on a refusal or a dropped connection.
import { takeSseData } from '../../src-main/contract/sse';
import { BridgeError } from '../bridge/error';

/** A refused request's {code, message}, or the status when the body has none. */
export async function refusal(res: Response): Promise<BridgeError> {
  const body = (await res.json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
  const message = typeof body?.message === 'string' ? body.message : `Sandlot answered ${res.status}`;
  return new BridgeError({ code: typeof body?.code === 'string' ? body.code : `HTTP_${res.status}`, message });
}

export async function readSse(url: string, signal: AbortSignal, onData: (data: string) => void, onOpen?: () => void): Promise<void> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal, cache: 'no-store' });
  if (!res.ok || !res.body) throw await refusal(res);
  onOpen?.();
  await readSseBody(res.body, onData);
}

/** Hands each frame's data of an open event stream to `onData`, until the server ends it. */
export async function readSseBody(body: NonNullable<Response['body']>, onData: (data: string) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const { data, rest } = takeSseData(buffer + value);
    buffer = rest;
    for (const d of data) onData(d);
  }
}

/** `url` with more query parameters (ticket URLs already carry `?ticket=`). */
export function withParams(url: string, params: Record<string, string | number | boolean>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, String(v));
  return u.toString();
}
