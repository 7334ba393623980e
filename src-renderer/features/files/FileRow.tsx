// One entry of the listing: folders open on click; files download; anything can be deleted.
import type { JSX } from 'react';
import type { FileEntry } from '../../../src-main/contract/inside';
import { modeString, typeLetter } from '../../lib/files';
import { formatBytes } from '../../lib/quantities';
import { Age } from '../../ui/Age';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';

interface FileRowProps {
  entry: FileEntry;
  onOpen(path: string): void;
  onDownload(entry: FileEntry): void;
  onDelete(entry: FileEntry): void;
}

export function FileRow({ entry: e, onOpen, onDownload, onDelete }: FileRowProps): JSX.Element {
  const dir = e.type === 'directory';
  const icon = dir ? 'folder' : e.type === 'symlink' ? 'link' : 'file';
  return (
    <tr className={`file-row file-${e.type}`} data-name={e.name}>
      <td className="file-name">
        <Icon name={icon} size={15} className="file-icon" />
        {dir ? (
          <button type="button" className="file-open" onClick={() => onOpen(e.path)} title={`Open ${e.path}`}>
            {e.name}
          </button>
        ) : (
          <span className="truncate" title={e.linkTarget ? `${e.path} → ${e.linkTarget}` : e.path}>
            {e.name}
            {e.linkTarget ? <span className="muted"> → {e.linkTarget}</span> : null}
          </span>
        )}
      </td>
      <td className="file-size">{dir ? '—' : formatBytes(e.size)}</td>
      <td className="file-mode mono" title={`${e.mode}`}>
        {typeLetter(e.type)}
        {modeString(e.mode)}
      </td>
      <td className="file-owner" title={`${e.owner}:${e.group}`}>
        <span className="truncate">{e.owner}</span>
      </td>
      <td className="file-modified">
        <Age since={e.modifiedAt} />
      </td>
      <td className="file-actions">
        {e.type === 'file' ? <Button size="sm" variant="ghost" icon="download" aria-label={`Download ${e.name}`} title="Download" onClick={() => onDownload(e)} /> : null}
        <Button size="sm" variant="danger-ghost" icon="trash" aria-label={`Delete ${e.name}`} title="Delete" onClick={() => onDelete(e)} />
      </td>
    </tr>
  );
}
