// A remote server's refusals as EngineErrors, so the dispatcher's envelope (and the UI) shows
// the server's own {code, message} next to the right field, whichever server said it.
import { EngineError, type EngineErrorKind } from '../engine/errors';

/** An EngineError that keeps the remote server's code (INVALID_REQUEST, SANDBOX_NOT_FOUND…). */
export class RemoteError extends EngineError {
  override readonly code: string;
  constructor(
    kind: EngineErrorKind,
    code: string,
    message: string,
    field?: string,
    /** The server's HTTP status; undefined when it did not answer. */
    readonly status?: number,
  ) {
    super(kind, message, field);
    this.name = 'RemoteError';
    this.code = code;
  }
}

function kindFor(status: number): EngineErrorKind {
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 501) return 'unsupported';
  if (status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 408 && status !== 429) return 'invalid';
  return 'unavailable';
}

/**
 * Sandlot (and many servers) start a 400 message with the field: "resourceLimits.cpu: …",
 * "metadata.bad key: …". Free text after a dot (map keys); the first word must be one token,
 * so a sentence ("Sandbox x is Paused: …") is never taken for a field.
 */
const LEADING_FIELD = /^([A-Za-z_][\w-]*(?:\.[^:.]+|\[\d+\])*): /;

/** The error for a non-2xx answer; `body` is the parsed JSON, or null when there was none. */
export function remoteError(status: number, body: unknown, server: string): RemoteError {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof b['code'] === 'string' && b['code'] !== '' ? b['code'] : `HTTP_${status}`;
  const text = typeof b['message'] === 'string' && b['message'] !== '' ? b['message'] : `answered ${status}`;
  const kind = kindFor(status);
  if (status === 401 || status === 403) {
    return new RemoteError(kind, code, `${server} refused the API key (${status}): ${text}. Remove the server and add it again with a valid key.`, undefined, status);
  }
  const field = kind === 'invalid' ? LEADING_FIELD.exec(text)?.[1] : undefined;
  return new RemoteError(kind, code, kind === 'unavailable' ? `${server}: ${text}` : text, field, status);
}

/** The error for a request that got no answer at all (refused, DNS, TLS, timeout). */
export function unreachableError(server: string, err: unknown): RemoteError {
  return new RemoteError('unavailable', 'REMOTE_UNREACHABLE', `${server} is not reachable: ${networkReason(err)}`);
}

/** fetch hides the useful part ("ECONNREFUSED 127.0.0.1:9") in `cause`. */
export function networkReason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'no answer in time';
  const cause = err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code} (${cause.message})` : cause.message;
  }
  return err instanceof Error ? err.message : String(err);
}
