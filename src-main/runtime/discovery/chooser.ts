// The bridge's engines.discover and engines.select: what is on this machine and answers, and
// switching the engine to another one, remembered in settings.
import type { DockerEndpoint, EngineChoice } from '../../contract/engines';
import { EngineError, invalid } from '../../engine/errors';
import { findEndpoints } from './candidates';
import { parseHost } from './hosts';
import { probeAll, probeEndpoint, type Probe } from './probe';
import { customEndpoint, resolveEndpoint, type Resolution } from './resolve';
import type { DiscoverySystem } from './system';

export interface ChooserDeps {
  system: DiscoverySystem;
  settings: { dockerHost(): string | null; setDockerHost(host: string | null): string | null };
  engine: { readonly dockerEndpoint: DockerEndpoint; readonly answered: boolean; useEngine(e: DockerEndpoint): Promise<void> };
  probe?: Probe;
}

export class EngineChooser {
  private readonly probe: Probe;

  constructor(private readonly deps: ChooserDeps) {
    this.probe = deps.probe ?? ((e) => probeEndpoint(e));
  }

  /** Discovery's list, plus the engine in use and the remembered one when discovery lacks them. */
  private endpoints(): DockerEndpoint[] {
    const list = findEndpoints(this.deps.system);
    const active = this.deps.engine.dockerEndpoint;
    if (!list.some((e) => e.host === active.host)) list.push(active);
    const selected = this.deps.settings.dockerHost();
    if (selected && !list.some((e) => e.host === selected)) list.push(customEndpoint(selected, this.deps.system.home));
    return list;
  }

  async discover(): Promise<EngineChoice> {
    const candidates = await probeAll(this.endpoints(), this.probe);
    return { candidates, selected: this.deps.settings.dockerHost(), active: this.deps.engine.dockerEndpoint.host };
  }

  /**
   * Switches to `host` (null: automatic) and remembers it. A host that does not answer is
   * refused and nothing changes: its sandboxes could not be shown, and the current ones would
   * be hidden for nothing.
   */
  async select(host: string | null): Promise<EngineChoice> {
    const endpoints = this.endpoints();
    let target: DockerEndpoint;
    if (host === null) {
      target = (await this.automatic(endpoints)).endpoint;
    } else {
      const wanted = host.trim();
      try {
        parseHost(wanted);
      } catch (err) {
        throw invalid('host', (err as Error).message);
      }
      const probed = await this.probe(endpoints.find((e) => e.host === wanted) ?? customEndpoint(wanted, this.deps.system.home));
      if (!probed.reachable) {
        throw new EngineError(
          'unavailable',
          `${probed.endpoint.name} (${wanted}) does not answer: ${probed.detail}. Start it, or pick another engine; Sandlot stays on ${this.deps.engine.dockerEndpoint.name}.`,
        );
      }
      target = probed.endpoint;
    }
    await this.deps.engine.useEngine(target);
    this.deps.settings.setDockerHost(host === null ? null : host.trim());
    return this.discover();
  }

  /**
   * Automatic mode, while the engine it settled on has never answered (Sandlot started before
   * any Docker, or the default socket leads nowhere): looks again and moves to the first engine
   * that answers now, as the Docker CLI would on its next run. An engine that did answer and
   * went away is waited for instead, so a Docker restart does not swap the user's sandboxes
   * for another engine's. DOCKER_HOST, like a picked engine, is never second-guessed.
   * Resolves to the endpoint moved to, or null.
   */
  async rediscover(): Promise<DockerEndpoint | null> {
    const waiting = () => this.deps.settings.dockerHost() === null && !this.deps.engine.answered;
    if (!waiting()) return null;
    const { endpoint, candidates } = await this.automatic(this.endpoints());
    const answers = candidates?.some((c) => c.reachable && c.endpoint.host === endpoint.host) ?? false;
    if (!answers || endpoint.host === this.deps.engine.dockerEndpoint.host || !waiting()) return null;
    await this.deps.engine.useEngine(endpoint);
    return endpoint;
  }

  /** What automatic mode picks among `endpoints` (see resolve.ts). */
  private automatic(endpoints: DockerEndpoint[]): Promise<Resolution> {
    const { home, platform } = this.deps.system;
    return resolveEndpoint({ dockerHost: null, endpoints, home, platform, probe: this.probe });
  }

  /** Runs rediscover() every `everyMs` (one at a time, failures left to the next turn) until stopped. */
  follow(everyMs: number): () => void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.rediscover()
        .catch(() => null)
        .finally(() => {
          busy = false;
        });
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
