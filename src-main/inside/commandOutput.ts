// A command's output as lines: a splitter that turns byte chunks into lines (one SSE event per
// line, as execd sends them), and a capped log of a background command's combined output that
// clients read with a line cursor (`GET /command/{id}/logs?cursor=`).
import { StringDecoder } from 'node:string_decoder';

/** A line longer than this is cut into pieces, so one endless line cannot grow memory. */
export const MAX_LINE_CHARS = 64 * 1024;

/** Splits a byte stream into lines (without the `\n`), decoding UTF-8 across chunk edges. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    this.take(this.decoder.write(chunk));
  }

  /** The end of the stream: a last line without a newline still counts. */
  end(): void {
    this.take(this.decoder.end());
    if (this.partial !== '') this.onLine(this.partial);
    this.partial = '';
  }

  private take(text: string): void {
    let rest = this.partial + text;
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      this.onLine(rest.slice(0, nl));
      rest = rest.slice(nl + 1);
    }
    while (rest.length > MAX_LINE_CHARS) {
      this.onLine(rest.slice(0, MAX_LINE_CHARS));
      rest = rest.slice(MAX_LINE_CHARS);
    }
    this.partial = rest;
  }
}

/** What a read of the log returns: the text and the cursor to pass next time. */
export interface LogSlice {
  text: string;
  cursor: number;
}

/**
 * Complete lines, numbered from 0 for the command's whole life. Only the newest lines are kept
 * (up to `capChars`): a cursor older than the oldest kept line reads from the oldest kept one.
 */
export class OutputLog {
  private lines: string[] = [];
  /** Number of the first kept line. */
  private first = 0;
  private chars = 0;

  constructor(private readonly capChars = 1024 * 1024) {}

  append(line: string): void {
    this.lines.push(line);
    this.chars += line.length + 1;
    // Drop from the front in one splice, not one shift per line.
    let drop = 0;
    let chars = this.chars;
    while (chars > this.capChars && drop < this.lines.length - 1) {
      chars -= (this.lines[drop]?.length ?? 0) + 1;
      drop++;
    }
    if (drop > 0) {
      this.lines.splice(0, drop);
      this.first += drop;
      this.chars = chars;
    }
  }

  /** The number the next line will get: the cursor that means "everything so far". */
  get end(): number {
    return this.first + this.lines.length;
  }

  /** Lines from `cursor` on (all kept lines without one), each ending in `\n`. */
  read(cursor?: number): LogSlice {
    const from = Math.max(0, (cursor ?? 0) - this.first);
    const picked = this.lines.slice(from);
    return { text: picked.map((l) => `${l}\n`).join(''), cursor: this.end };
  }
}
