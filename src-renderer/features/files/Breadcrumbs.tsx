// Where the listing is: each folder from the root is a button back to it.
import type { JSX } from 'react';
import { crumbs } from '../../lib/files';

export function Breadcrumbs({ path, onOpen }: { path: string; onOpen(path: string): void }): JSX.Element {
  const trail = crumbs(path);
  return (
    <nav className="breadcrumbs" aria-label="Folder path">
      <ol>
        {trail.map((c, i) => {
          const last = i === trail.length - 1;
          return (
            <li key={c.path}>
              {i > 1 ? <span className="crumb-sep" aria-hidden="true">/</span> : null}
              <button type="button" className={`crumb${last ? ' is-current' : ''}`} aria-current={last ? 'location' : undefined} onClick={() => onOpen(c.path)}>
                {c.name}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
