// The bridge's engines.discover and engines.select: what is on this machine and answers, and
// switching the engine to another one, remembered in settings.
import type { DockerEndpoint, EngineChoice } from '../../contract/engines';
import { EngineError, invalid } from '../../engine/errors';
import { findEndpoints } from './candidates';
import { parseHost } from './hosts';
import { probeAll, probeEndpoint, type Probe } from './probe';
import { customEndpoint, resolveEndpoint } from './resolve';
import type { DiscoverySystem } from './system';

export interface ChooserDeps {
  system: DiscoverySystem;
  settings: { dockerHost(): string | null; setDockerHost(host: string | null): string | null };
  engine: { readonly dockerEndpoint: DockerEndpoint; useEngine(e: DockerEndpoint): Promise<void> };
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
      target = (await resolveEndpoint({ dockerHost: null, endpoints, home: this.deps.system.home, platform: this.deps.system.platform, probe: this.probe })).endpoint;
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
}
