// Before a remote server is kept: does it answer the Lifecycle API with that key? One
// GET /v1/sandboxes?pageSize=1; each failure names the field the user should fix.
import { invalid } from '../engine/errors';
import { LifecycleClient, normalizeServerUrl, type FetchLike } from '../remote/client';
import { RemoteError } from '../remote/errors';

const PROBE_TIMEOUT_MS = 5000;

/** Resolves with the normalized base URL; throws an `invalid` error naming `url` or `apiKey`. */
export async function probeServer(rawUrl: string, apiKey: string, fetchImpl?: FetchLike): Promise<string> {
  const url = normalizeServerUrl(rawUrl);
  if (!url) throw invalid('url', 'must be an http:// or https:// address, e.g. https://sandbox.example.com');
  if (apiKey.trim() === '') throw invalid('apiKey', 'must not be empty');
  try {
    await new LifecycleClient(url, apiKey, fetchImpl).list(1, 1, PROBE_TIMEOUT_MS);
  } catch (err) {
    if (!(err instanceof RemoteError)) throw err;
    if (err.status === undefined) throw invalid('url', `could not reach the server: ${err.message.replace(/^.* is not reachable: /, '')}`);
    if (err.status === 401 || err.status === 403) throw invalid('apiKey', `the server refused this key (${err.status}); copy the key again from the server`);
    if (err.status === 404) throw invalid('url', `${url}/v1/sandboxes was not found (404); is this an OpenSandbox server?`);
    throw invalid('url', `the server did not answer like an OpenSandbox server: ${err.message}`);
  }
  return url;
}
