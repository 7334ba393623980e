// Server-sent event frames, as the web bridge's /bridge/events sends them: `data: <json>` lines
// ending in a blank line. Pure, for the renderer's HTTP bridge and for tools reading the stream.

/** Takes the complete frames off the front of `buffer`: their data payloads, and what is left. */
export function takeSseData(buffer: string): { data: string[]; rest: string } {
  const data: string[] = [];
  let rest = buffer;
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const frame = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const payload = frame
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => l.slice(6))
      .join('\n');
    if (payload) data.push(payload);
  }
  return { data, rest };
}
