// A small /v1 client over node:http with one keep-alive connection, so request timings are
// the server's work plus loopback, not connection setup or a heavy client.
import http from 'node:http';

export interface ApiResponse {
  status: number;
  text: string;
  bytes: number;
  /** Sandlot's own time on the request (its Server-Timing `app;dur`), ms; the rest was on the way. */
  serverMs: number | undefined;
}

function appDuration(header: string | string[] | undefined): number | undefined {
  const m = /(?:^|,)\s*app;dur=([\d.]+)/.exec(String(header ?? ''));
  return m ? Number(m[1]) : undefined;
}

export class ApiClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly host: string;
  private readonly port: number;

  constructor(
    readonly url: string,
    private readonly apiKey: string,
  ) {
    const u = new URL(url);
    this.host = u.hostname;
    this.port = Number(u.port);
  }

  request(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            'OPEN-SANDBOX-API-KEY': this.apiKey,
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const all = Buffer.concat(chunks);
            resolve({ status: res.statusCode ?? 0, text: all.toString('utf8'), bytes: all.length, serverMs: appDuration(res.headers['server-timing']) });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The parsed JSON body, or an error carrying the status and body when it is not `expected`. */
  async json<T>(method: string, path: string, expected: number, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    if (res.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${res.status}: ${res.text.slice(0, 500)}`);
    return JSON.parse(res.text) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
