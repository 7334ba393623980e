// What the tray and notifications call a sandbox: its human name (metadata `name`, as the UI
// shows it) or else the start of its id, which is enough to tell sandboxes apart at a glance.
import type { SandboxRecord } from '../contract/sandbox';

const SHORT_ID_LENGTH = 8;

export function sandboxName(record: Pick<SandboxRecord, 'id' | 'metadata'>): string {
  const name = record.metadata['name']?.trim();
  return name ? name : record.id.slice(0, SHORT_ID_LENGTH);
}
