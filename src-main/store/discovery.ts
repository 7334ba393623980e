// A small file (0600) next to the settings that tells scripts where the live API is.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomicFile';
import { DISCOVERY_FILE } from './paths';

export interface Discovery {
  url: string;
  apiKey: string;
  pid: number;
  startedAt: string;
}

export function discoveryPath(home: string): string {
  return path.join(home, DISCOVERY_FILE);
}

export async function writeDiscovery(home: string, d: Discovery): Promise<void> {
  await writeFileAtomic(discoveryPath(home), `${JSON.stringify(d, null, 2)}\n`);
}

export async function removeDiscovery(home: string): Promise<void> {
  await rm(discoveryPath(home), { force: true });
}
