// Placeholder page until the desktop UI lands. The main process passes the API's address in the
// page URL (?api=...); the typed bridge will carry it later.
import type { JSX } from 'react';

function apiUrlFromPage(): string | null {
  return new URLSearchParams(window.location.search).get('api');
}

export function App(): JSX.Element {
  const apiUrl = apiUrlFromPage();
  const bridge = window.sandlot;
  return (
    <main className="placeholder">
      <h1>Sandlot</h1>
      <p>The desktop interface is coming soon.</p>
      {apiUrl ? (
        <p>
          Meanwhile the OpenSandbox Lifecycle API runs at <code>{apiUrl}</code>: the OpenSandbox SDKs, the{' '}
          <code>osb</code> CLI and <code>curl</code> work against it. The API key is in the <code>apiKey</code> field
          of <code>config.json</code> in Sandlot&apos;s data folder.
        </p>
      ) : (
        <p>The OpenSandbox Lifecycle API runs on 127.0.0.1; its address and key are in Sandlot&apos;s data folder.</p>
      )}
      <footer>{bridge ? `Sandlot ${bridge.version} on ${bridge.platform}` : 'Sandlot in a browser'}</footer>
    </main>
  );
}
