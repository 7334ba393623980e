// What containers on this Docker engine mount, and who made a volume: the facts the engine's
// mount rules (engine/hostMounts.ts, engine/admission.ts) need from Docker.
import type Docker from 'dockerode';
import { LABEL } from './labels';

/** A mount of a container that may run (created, running, paused, restarting). */
export interface MountInUse {
  /** The host path Docker was given (a volume's own folder for named volumes). */
  source: string;
  readOnly: boolean;
  /** The Sandlot sandbox it belongs to, when the container carries Sandlot's labels. */
  sandboxId: string | undefined;
  /** Docker's name for the container, without the leading slash. */
  container: string;
}

/** Containers in these states cannot run anything until someone starts them again. */
const CANNOT_RUN = new Set(['exited', 'dead', 'removing']);

export class MountsApi {
  constructor(private readonly docker: Docker) {}

  /** Every mount of every container on the engine that is or may soon be running. */
  async inUse(): Promise<MountInUse[]> {
    const list = await this.docker.listContainers({ all: true });
    return list
      .filter((c) => !CANNOT_RUN.has(c.State))
      .flatMap((c) =>
        (c.Mounts ?? [])
          .filter((m) => typeof m.Source === 'string' && m.Source !== '')
          .map((m) => ({
            source: m.Source,
            readOnly: !m.RW,
            sandboxId: c.Labels?.[LABEL.sandboxId],
            container: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
          })),
      );
  }

  /** A named volume's labels, or null when there is no such volume. */
  async volumeLabels(name: string): Promise<Record<string, string> | null> {
    try {
      const info = await this.docker.getVolume(name).inspect();
      return (info.Labels as Record<string, string> | null) ?? {};
    } catch (err) {
      if ((err as { statusCode?: number })?.statusCode === 404) return null;
      throw err;
    }
  }
}

/** Whether a volume's labels say this Sandlot instance made it. */
export function madeBy(labels: Record<string, string>, instanceId: string): boolean {
  return labels[LABEL.managed] === 'true' && labels[LABEL.instance] === instanceId;
}
