// What changed between two polls of a remote server's list, as the engine events the renderer
// and the tray already apply: a full object for every new or changed sandbox, `removed` for the
// ones gone. Pure.
import type { EngineEvent, SandboxRecord } from '../contract/sandbox';

export function diffRecords(before: ReadonlyMap<string, SandboxRecord>, after: readonly SandboxRecord[]): EngineEvent[] {
  const events: EngineEvent[] = [];
  const seen = new Set<string>();
  for (const r of after) {
    seen.add(r.id);
    const old = before.get(r.id);
    // Records come from the same mapping, so their keys are in the same order: JSON compares.
    if (!old || JSON.stringify(old) !== JSON.stringify(r)) events.push({ type: 'sandbox', sandbox: r });
  }
  for (const id of before.keys()) if (!seen.has(id)) events.push({ type: 'removed', id });
  return events;
}
