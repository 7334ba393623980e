// The Files tab: browse the sandbox's folders (breadcrumbs, sizes, modes, owners), download a
// file, upload by button or by dropping files on the listing, make a folder, delete with a
// confirmation. Transfers use one-time links; listing and changes go through the bridge.
import { useEffect, useRef, useState, type DragEvent, type JSX } from 'react';
import type { FileEntry } from '../../../src-main/contract/inside';
import type { SandboxRecord } from '../../../src-main/contract/sandbox';
import { useBridge } from '../../bridge/context';
import { errorText } from '../../lib/errors';
import { joinPath, parentPath } from '../../lib/files';
import { getStore } from '../../store';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Icon } from '../../ui/Icon';
import { Breadcrumbs } from './Breadcrumbs';
import { FileRow } from './FileRow';
import { NewFolderForm } from './NewFolderForm';
import { downloadFile, uploadFile } from './transfer';
import { useFolder } from './useFolder';

const START = '/';

export function FilesTab({ record, active }: { record: SandboxRecord; active: boolean }): JSX.Element {
  const bridge = useBridge();
  const id = record.id;
  const [cwd, setCwd] = useState(START);
  const folder = useFolder(id, cwd);
  const [creating, setCreating] = useState(false);
  const [uploading, setUploading] = useState(0);
  const [deleting, setDeleting] = useState<FileEntry | null>(null);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const toast = getStore().pushToast;

  // Back on the tab (say, after making files in the terminal): the same folder, listed afresh.
  const { reload } = folder;
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) reload();
    wasActive.current = active;
  }, [active, reload]);

  const upload = async (files: readonly File[]) => {
    if (files.length === 0) return;
    const dir = cwd;
    setUploading((n) => n + files.length);
    let done = 0;
    for (const file of files) {
      try {
        await uploadFile(bridge, id, dir, file);
        done += 1;
      } catch (err) {
        toast('error', `Could not upload ${file.name}: ${errorText(err)}`);
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (done > 0) toast('success', done === 1 ? `Uploaded ${files[0]?.name ?? 'the file'} to ${dir}` : `Uploaded ${done} files to ${dir}`);
    folder.reload();
  };

  const download = (e: FileEntry) => {
    downloadFile(bridge, id, e.path, e.name).catch((err: unknown) => toast('error', `Could not download ${e.name}: ${errorText(err)}`));
  };

  const mkdir = async (name: string): Promise<boolean> => {
    try {
      await bridge.invoke('files.mkdir', { id, path: joinPath(cwd, name) });
      folder.reload();
      return true;
    } catch (err) {
      toast('error', `Could not create ${name}: ${errorText(err)}`);
      return false;
    }
  };

  const remove = async (e: FileEntry) => {
    try {
      await bridge.invoke('files.remove', { id, path: e.path });
      toast('info', `Deleted ${e.path}`);
      setDeleting(null);
      folder.reload();
    } catch (err) {
      toast('error', `Could not delete ${e.name}: ${errorText(err)}`);
    }
  };

  // Drop target: dragenter/leave fire for every child, so count the depth.
  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
  const onDragEnter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth.current += 1;
    setDragging(true);
  };
  const onDragLeave = () => {
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    void upload([...e.dataTransfer.files]);
  };

  const entries = folder.entries;
  return (
    <div className="files-tab">
      <div className="toolbar inside-toolbar">
        <Button size="sm" variant="ghost" icon="arrowUp" aria-label="Up one folder" title="Up one folder" disabled={cwd === '/'} onClick={() => setCwd(parentPath(cwd))} />
        <Breadcrumbs path={cwd} onOpen={setCwd} />
        <span className="spacer" />
        <Button size="sm" variant="ghost" icon="refresh" aria-label="Refresh" title="Refresh" busy={folder.loading && entries !== null} onClick={folder.reload} />
        <Button size="sm" variant="ghost" icon="folderPlus" onClick={() => setCreating(true)}>
          New folder
        </Button>
        <Button size="sm" icon="upload" busy={uploading > 0} onClick={() => inputRef.current?.click()}>
          Upload
        </Button>
        <input
          ref={inputRef}
          type="file"
          multiple
          className="offscreen"
          aria-label="Upload files"
          tabIndex={-1}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void upload(files);
          }}
        />
      </div>
      {creating ? <NewFolderForm onCreate={mkdir} onCancel={() => setCreating(false)} /> : null}
      <div
        className={`file-drop${dragging ? ' is-dragging' : ''}`}
        data-testid="file-drop"
        onDragEnter={onDragEnter}
        onDragOver={(e) => {
          if (hasFiles(e)) e.preventDefault();
        }}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
      >
        {folder.error ? (
          <div className="file-message is-error" role="alert">
            <Icon name="alert" size={16} />
            <span>{folder.error}</span>
          </div>
        ) : entries === null ? (
          <div className="file-message">
            <span className="spinner" aria-hidden="true" /> Loading {cwd}…
          </div>
        ) : (
          <table className="file-table" aria-label={`Files in ${cwd}`} aria-busy={folder.loading || undefined}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="file-size">
                  Size
                </th>
                <th scope="col">Mode</th>
                <th scope="col">Owner</th>
                <th scope="col" className="file-modified">
                  Modified
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <FileRow key={e.path} entry={e} onOpen={setCwd} onDownload={download} onDelete={setDeleting} />
              ))}
            </tbody>
          </table>
        )}
        {entries !== null && entries.length === 0 ? <p className="file-message muted">This folder is empty. Drop files here to upload them.</p> : null}
        <div className="drop-hint" aria-hidden="true">
          <Icon name="upload" size={22} />
          <span>Drop to upload to {cwd}</span>
        </div>
      </div>
      {deleting ? (
        <ConfirmDialog title={`Delete ${deleting.type === 'directory' ? 'folder' : 'file'}?`} confirmLabel="Confirm delete" confirmText="Delete" onConfirm={() => remove(deleting)} onClose={() => setDeleting(null)}>
          <p>
            <code className="break">{deleting.path}</code>
            {deleting.type === 'directory' ? ' and everything in it will be removed from the sandbox.' : ' will be removed from the sandbox.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
