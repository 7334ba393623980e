// Files inside a sandbox: listing, reading, writing, moving and removing.
import type { FileEntry } from '../contract/inside';
import { unsupported } from '../engine/errors';
import type { InsideDeps } from './deps';

export class Files {
  constructor(protected readonly deps: InsideDeps) {}

  async list(_id: string, _path: string): Promise<FileEntry[]> {
    throw unsupported('files', 'not built yet');
  }

  async mkdir(_id: string, _path: string): Promise<void> {
    throw unsupported('files', 'not built yet');
  }

  async remove(_id: string, _path: string): Promise<void> {
    throw unsupported('files', 'not built yet');
  }
}
