// Docker's streamed answers (events, stats) are one JSON document per line. This follows such a
// stream: each parsed document goes to `onValue`, and `onEnd` runs once, however it stops.
import type { Readable } from 'node:stream';

/** Starts following `stream`; the returned function stops it without calling `onEnd`. */
export function followJsonLines(stream: Readable, onValue: (value: unknown) => void, onEnd: (err?: Error) => void): () => void {
  let buffer = '';
  let ended = false;
  const end = (err?: Error) => {
    if (ended) return;
    ended = true;
    onEnd(err);
  };
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line) continue;
      try {
        onValue(JSON.parse(line));
      } catch {
        // A torn line from a dying connection; callers resynchronise after a reconnect.
      }
    }
  });
  stream.on('error', (err: Error) => end(err));
  stream.on('end', () => end());
  stream.on('close', () => end());
  return () => {
    ended = true;
    stream.destroy();
  };
}
