// What the list says when it has no rows: loading, nothing yet, or nothing matching.
import type { JSX } from 'react';
import { Icon } from '../../ui/Icon';

export function ListEmpty({ loaded, total }: { loaded: boolean; total: number }): JSX.Element {
  if (!loaded) {
    return (
      <div className="list-empty" role="row">
        <div role="gridcell" className="list-empty-inner">
          <span className="spinner spinner-lg" aria-hidden="true" />
          <p>Loading sandboxes…</p>
        </div>
      </div>
    );
  }
  if (total === 0) {
    return (
      <div className="list-empty" role="row">
        <div role="gridcell" className="list-empty-inner">
          <div className="empty-icon">
            <Icon name="box" size={28} />
          </div>
          <h2>No sandboxes yet</h2>
          <p>
            Press <kbd>N</kbd> or use <strong>New sandbox</strong> above to start one. SDKs, the <code>osb</code> CLI and{' '}
            <code>curl</code> scripts show up here too.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="list-empty" role="row">
      <div role="gridcell" className="list-empty-inner">
        <div className="empty-icon">
          <Icon name="search" size={28} />
        </div>
        <h2>No sandboxes match</h2>
        <p>None of the {total} sandboxes fit the search and filters.</p>
      </div>
    </div>
  );
}
