// A small OpenSandbox Lifecycle API client (fetch, the wire types of contract/schemas.ts), for
// a remote server: an OpenSandbox deployment, or another Sandlot. Every failure is a
// RemoteError carrying the server's {code, message}.
import type { CreateSandboxRequest, CreateSandboxResponse, Endpoint, ListSandboxesResponse, MetadataPatch, RenewRequest, WireSandbox } from '../contract/schemas';
import { remoteError, unreachableError } from './errors';
import { isWireSandbox } from './mapping';

export const API_KEY_HEADER = 'OPEN-SANDBOX-API-KEY';
const TIMEOUT_MS = 15_000;
/** The spec's largest page: fewer round trips when paging through everything. */
export const MAX_PAGE_SIZE = 200;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The server's base URL without a trailing slash or /v1 (the user may paste either), or null
 * when it is not an http(s) URL.
 */
export function normalizeServerUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password || u.search || u.hash) return null;
  const pathname = u.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${u.origin}${pathname}`;
}

export class LifecycleClient {
  constructor(
    /** As normalizeServerUrl gives it. */
    readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly fetchImpl: FetchLike = fetch,
  ) {}

  /** How errors name this server ("https://x.example"). */
  get label(): string {
    return this.baseUrl;
  }

  private async request(method: string, path: string, body?: unknown, timeoutMs = TIMEOUT_MS): Promise<unknown> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}/v1${path}`, {
        method,
        headers: { [API_KEY_HEADER]: this.apiKey, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      throw unreachableError(this.label, err);
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a proxy's HTML error page): the status says enough.
    }
    if (!res.ok) throw remoteError(res.status, parsed, this.label);
    return parsed;
  }

  async list(page: number, pageSize: number, timeoutMs?: number): Promise<ListSandboxesResponse> {
    const body = await this.request('GET', `/sandboxes?page=${page}&pageSize=${pageSize}`, undefined, timeoutMs);
    const o = (typeof body === 'object' && body !== null ? body : {}) as Partial<ListSandboxesResponse>;
    if (!Array.isArray(o.items)) throw remoteError(502, { code: 'BAD_GATEWAY', message: 'the sandbox list has no items; is this an OpenSandbox server?' }, this.label);
    return {
      items: o.items.filter(isWireSandbox),
      pagination: o.pagination ?? { page, pageSize, totalItems: o.items.length, totalPages: 1, hasNextPage: false },
    };
  }

  /** Every sandbox, page by page (newest first, as the server orders them). */
  async listAll(timeoutMs?: number): Promise<WireSandbox[]> {
    const all: WireSandbox[] = [];
    // A server that always says "there is more" must not keep us here forever.
    for (let page = 1; page <= 100; page++) {
      const { items, pagination } = await this.list(page, MAX_PAGE_SIZE, timeoutMs);
      all.push(...items);
      if (!pagination.hasNextPage || items.length === 0) break;
    }
    return all;
  }

  async get(id: string): Promise<WireSandbox> {
    const body = await this.request('GET', `/sandboxes/${encodeURIComponent(id)}`);
    if (!isWireSandbox(body)) throw remoteError(502, { code: 'BAD_GATEWAY', message: 'the answer is not a sandbox' }, this.label);
    return body;
  }

  async create(req: CreateSandboxRequest): Promise<CreateSandboxResponse> {
    const body = await this.request('POST', '/sandboxes', req);
    if (!isWireSandbox(body)) throw remoteError(502, { code: 'BAD_GATEWAY', message: 'the create answer is not a sandbox' }, this.label);
    return body;
  }

  async delete(id: string): Promise<void> {
    await this.request('DELETE', `/sandboxes/${encodeURIComponent(id)}`);
  }

  async pause(id: string): Promise<void> {
    await this.request('POST', `/sandboxes/${encodeURIComponent(id)}/pause`);
  }

  async resume(id: string): Promise<void> {
    await this.request('POST', `/sandboxes/${encodeURIComponent(id)}/resume`);
  }

  async renew(id: string, expiresAt: string): Promise<void> {
    const body: RenewRequest = { expiresAt };
    await this.request('POST', `/sandboxes/${encodeURIComponent(id)}/renew-expiration`, body);
  }

  async patchMetadata(id: string, patch: MetadataPatch): Promise<WireSandbox> {
    const body = await this.request('PATCH', `/sandboxes/${encodeURIComponent(id)}/metadata`, patch);
    // The spec answers the sandbox; a server that answers less gets a GET.
    return isWireSandbox(body) ? body : this.get(id);
  }

  async endpoint(id: string, port: number): Promise<Endpoint> {
    const body = (await this.request('GET', `/sandboxes/${encodeURIComponent(id)}/endpoints/${port}`)) as Partial<Endpoint> | null;
    if (typeof body?.endpoint !== 'string') throw remoteError(502, { code: 'BAD_GATEWAY', message: 'the endpoint answer has no endpoint' }, this.label);
    return { endpoint: body.endpoint, ...(body.headers ? { headers: body.headers } : {}) };
  }
}
