// Keeps the records true to what Docker really has: at start (recovery and adoption), after
// Docker comes back, and on each Docker event (a container that died, was paused or removed
// by someone else).
import type { PlatformSpec, SandboxRecord } from '../contract/sandbox';
import { dockerMessage, isUnreachable, type ContainerFacts, type DockerEvent, type DockerRuntime } from '../runtime/docker';
import { LABEL } from '../runtime/labels';
import type { DockerLink } from './dockerLink';
import type { Provisioner } from './provisioner';
import { isFinal } from './states';
import type { SandboxTable } from './table';

/** Exit codes above 128 are a signal; the two Docker itself sends say who likely sent them. */
const SIGNAL_WORDS: Record<number, string> = {
  137: 'SIGKILL: the container was killed, e.g. by docker kill or when docker stop timed out',
  143: 'SIGTERM: the container was stopped, e.g. by docker stop or by Docker itself stopping or restarting without live-restore',
  130: 'SIGINT',
  129: 'SIGHUP',
  134: 'SIGABRT',
  139: 'SIGSEGV',
};

function exitWords(f: ContainerFacts, said = ''): string {
  if (f.oomKilled) return 'The entry process was killed: out of memory (raise resourceLimits.memory)';
  const signal = SIGNAL_WORDS[f.exitCode];
  return `The entry process exited with code ${f.exitCode}${signal ? ` (${signal})` : ''}${f.error ? `: ${f.error}` : ''}${said ? `; it said: ${said}` : ''}`;
}

function parseJson<T>(text: string | undefined, fallback: T): T {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

export class Reconciler {
  /** True until the first full reconcile: a Pending record then means provisioning was cut off. */
  private firstRun = true;

  constructor(
    private readonly table: SandboxTable,
    private readonly runtime: DockerRuntime,
    private readonly provisioner: Provisioner,
    private readonly link: DockerLink,
    private readonly instanceId: string,
  ) {}

  /** Brings every record in line with Docker, and adopts our containers the store lost. */
  async reconcileAll(): Promise<void> {
    const containers = await this.runtime.listManaged(this.instanceId);
    const bySandbox = new Map(containers.map((c) => [c.labels[LABEL.sandboxId] ?? '', c]));
    const startup = this.firstRun;
    // A container of ours filed under another engine's host: that host reaches this same daemon.
    for (const id of bySandbox.keys()) if (id) this.table.claim(id);
    this.provisioner.networks.learn(this.instanceId, containers.map((c) => ({ sandboxId: c.labels[LABEL.sandboxId], label: c.labels[LABEL.network] })));
    for (const r of this.table.all()) {
      const labelled = bySandbox.get(r.id)?.id ?? null;
      bySandbox.delete(r.id);
      if (!isFinal(r.status.state)) await this.table.withLock(r.id, () => this.reconcileOne(r.id, startup, labelled));
    }
    for (const c of bySandbox.values()) await this.adopt(c.id);
    this.firstRun = false;
    // Networks left unused (Sandlot stopped between making one and its container, or the last
    // sandbox went meanwhile): housekeeping, so it runs behind the reconcile, not before the API.
    void this.provisioner.networks.sweep(this.instanceId).catch((err: unknown) => {
      if (isUnreachable(err)) this.link.lost(err);
      else console.error(`sandlot: could not remove unused networks: ${dockerMessage(err)}`);
    });
  }

  /** Another engine's records are now the active ones: their first reconcile counts as a start. */
  restart(): void {
    this.firstRun = true;
  }

  /** `labelled`: the container Docker lists with this sandbox's id, which the record may not know yet. */
  private async reconcileOne(id: string, startup: boolean, labelled: string | null): Promise<void> {
    let r = this.table.get(id);
    if (!r || isFinal(r.status.state)) return;
    if (!r.containerId && labelled) {
      this.table.stage(id, { containerId: labelled });
      r = this.table.require(id);
    }
    if (r.status.state === 'Stopping') return this.provisioner.teardown(id);
    if (r.status.state === 'Pending' && !startup) return;
    const facts = r.containerId ? await this.runtime.inspect(r.containerId) : null;
    // A delete is not queued behind this lock: it may have been acknowledged while Docker
    // answered. It wins over whatever the stale record would have led to (found by the crash rounds).
    if (this.deletedMeanwhile(id)) return this.provisioner.teardown(id);
    if (r.status.state === 'Pending') {
      // Started before Sandlot stopped, only the Running write was lost (the API may already
      // have shown Running): keep it rather than destroy a sandbox the user saw working.
      if (facts?.state === 'running') {
        if (facts.ip) this.provisioner.addresses.set(id, facts.ip);
        await this.table.transition(id, 'Running', 'started', 'The sandbox is running', { containerId: facts.id, ports: facts.ports });
        return;
      }
      // Sandlot stopped while creating it; what was half made goes, and the user is told.
      if (facts) await this.runtime.destroy(facts.id, 1);
      if (this.deletedMeanwhile(id)) return this.provisioner.teardown(id);
      await this.table.transition(id, 'Failed', 'provisioning_interrupted', 'Sandlot stopped while this sandbox was being created; create it again');
      return;
    }
    const now = this.table.get(id);
    if (now && !isFinal(now.status.state)) await this.apply(now, facts);
  }

  private deletedMeanwhile(id: string): boolean {
    return this.table.get(id)?.status.state === 'Stopping';
  }

  /** Moves a live record to the state its container is really in. */
  private async apply(r: SandboxRecord, facts: ContainerFacts | null): Promise<void> {
    const id = r.id;
    if (!facts) {
      await this.table.transition(id, 'Failed', 'container_removed', 'The container was removed outside Sandlot');
      return;
    }
    if (facts.ip) this.provisioner.addresses.set(id, facts.ip);
    const state = r.status.state;
    if (facts.state === 'running' && state !== 'Running') {
      await this.table.transition(id, 'Running', state === 'Resuming' ? 'user_resume' : 'external_resume', 'Running (resumed outside Sandlot)', { ports: facts.ports });
    } else if (facts.state === 'paused' && state !== 'Paused') {
      await this.table.transition(id, 'Paused', state === 'Pausing' ? 'user_pause' : 'external_pause', 'Paused (outside Sandlot)');
    } else if (facts.state === 'exited' || facts.state === 'dead' || facts.state === 'created') {
      const said = await this.runtime.lastLogLines(facts.id, 3);
      await this.table.transition(id, 'Failed', 'container_exited', exitWords(facts, said));
    } else if (JSON.stringify(facts.ports) !== JSON.stringify(r.ports) && facts.state === 'running') {
      await this.table.update(id, { ports: facts.ports });
    }
  }

  /** A container of ours with no record (the store was lost or rolled back): rebuild it from labels. */
  private async adopt(containerId: string): Promise<void> {
    const facts = await this.runtime.inspect(containerId);
    if (!facts) return;
    const l = facts.labels;
    const id = l[LABEL.sandboxId];
    if (!id || this.table.get(id)) return;
    const platform = l[LABEL.platform]?.split('/');
    const now = this.table.nowIso();
    const record: SandboxRecord = {
      id,
      containerId: facts.id,
      image: l[LABEL.image] ?? 'unknown',
      entrypoint: parseJson<string[]>(l[LABEL.entrypoint], []),
      metadata: parseJson<Record<string, string>>(l[LABEL.metadata], {}),
      resourceLimits: parseJson(l[LABEL.resources], {}),
      platform: platform?.length === 2 ? ({ os: platform[0], arch: platform[1] } as PlatformSpec) : null,
      volumes: [],
      ports: facts.ports,
      status: { state: 'Failed', reason: 'recovered', message: '', lastTransitionAt: now },
      createdAt: l[LABEL.createdAt] ?? now,
      expiresAt: l[LABEL.expiresAt] ?? null,
      finishedAt: null,
    };
    const running = facts.state === 'running';
    const paused = facts.state === 'paused';
    const state = running ? 'Running' : paused ? 'Paused' : 'Failed';
    const message = running || paused ? 'Recovered from Docker' : `Recovered from Docker; ${exitWords(facts).toLowerCase()}`;
    if (facts.ip) this.provisioner.addresses.set(id, facts.ip);
    await this.table.save({ ...record, status: { ...record.status, state, message }, finishedAt: state === 'Failed' ? now : null });
  }

  /** Docker said something happened to one of our containers. */
  onEvent(e: DockerEvent): void {
    const id = e.sandboxId;
    if (!id || !['die', 'pause', 'unpause', 'destroy'].includes(e.action)) return;
    void this.table
      .withLock(id, async () => {
        const r = this.table.get(id);
        if (!r || r.containerId !== e.containerId) return;
        const s = r.status.state;
        if (s === 'Pending' || s === 'Stopping' || isFinal(s)) return;
        if (e.action === 'destroy') return this.apply(r, null);
        // Sandlot's own pauses and resumes come back as events too; when the record already
        // says what the event says, there is nothing to ask Docker (one inspect per change saved).
        if (e.action === 'pause' && (s === 'Paused' || s === 'Pausing')) return;
        if (e.action === 'unpause' && (s === 'Running' || s === 'Resuming')) return;
        const facts = await this.runtime.inspect(e.containerId);
        await this.apply(r, facts);
      })
      .catch((err: unknown) => {
        if (isUnreachable(err)) this.link.lost(err);
        else console.error(`sandlot: could not follow a Docker event for ${id}: ${dockerMessage(err)}`);
      });
  }
}
