// What every answer must be, however bad the request: a complete HTTP response, never a 5xx
// (except the two documented ones), and every error a JSON {code, message} with real words.
import type { RawResponse } from './rawHttp';

/** 5xx answers that are documented behaviour rather than failures (docs/decisions.md). */
const DOCUMENTED_5XX: Record<number, string> = {
  501: 'NOT_IMPLEMENTED', // execd code interpreting and bash sessions, or a tool missing from the image
  502: 'UPSTREAM_UNREACHABLE', // the server proxy, when nothing listens on the sandbox port
};

function errorShape(body: unknown): string | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'is not a JSON object';
  const { code, message } = body as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || code.trim() === '') return 'has no non-empty string "code"';
  if (typeof message !== 'string' || message.trim() === '') return 'has no non-empty string "message"';
  return null;
}

function parseJson(res: RawResponse): unknown {
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The problems with one answer (empty when it is fine). */
export function problems(method: string, path: string, res: RawResponse, accept = ''): string[] {
  const out: string[] = [];
  const head = method === 'HEAD';
  if (res.status < 100 || res.status > 599) out.push(`status ${res.status} is not HTTP`);
  // The one-time sign-in links are opened by browsers: a browser (Accept: text/html) is told in a page.
  const browserPage = path.startsWith('/auth/') && accept.includes('text/html') && String(res.headers['content-type'] ?? '').startsWith('text/html');
  if (browserPage && res.status >= 400 && !head) {
    if (res.body.length === 0) out.push(`browser error page ${res.status} is empty`);
  } else if (res.status >= 400 && !head && !res.streamed) {
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith('application/json')) out.push(`error ${res.status} has content-type "${type}", not JSON: ${res.body.subarray(0, 200).toString('utf8')}`);
    const shape = errorShape(parseJson(res));
    if (shape) out.push(`error ${res.status} body ${shape}: ${res.body.subarray(0, 200).toString('utf8')}`);
  }
  if (res.status >= 500) {
    const code = (parseJson(res) as { code?: unknown } | undefined)?.code;
    if (DOCUMENTED_5XX[res.status] === undefined || (!head && DOCUMENTED_5XX[res.status] !== code)) {
      out.push(`server error ${res.status} ${String(code)}: ${res.body.subarray(0, 300).toString('utf8')}`);
    }
  }
  // The web bridge answers 200 with an envelope; a failure in it must be a real refusal too.
  if (path.startsWith('/bridge/') && res.status === 200 && !res.streamed && !head) {
    const env = parseJson(res) as { ok?: unknown; error?: unknown } | undefined;
    if (typeof env?.ok !== 'boolean') out.push(`bridge answer is not an envelope: ${res.body.subarray(0, 200).toString('utf8')}`);
    else if (!env.ok) {
      const shape = errorShape(env.error);
      if (shape) out.push(`bridge error ${shape}`);
      if ((env.error as { code?: unknown }).code === 'INTERNAL_ERROR') out.push(`bridge internal error: ${JSON.stringify(env.error)}`);
    }
  }
  return out.map((p) => `${method} ${path.slice(0, 200)} → ${p}`);
}
