// The Docker create body for a sandbox: limits, hardening, loopback-only ports, mounts, labels.
// Pure, so the mapping is unit-tested without Docker.
import type { ContainerCreateOptions } from 'dockerode';
import type { SandboxSpec } from '../engine/createSpec';
import { LABEL } from './labels';
import { ISOLATED, sandboxNetworkName } from './networks';

/** Capabilities Docker grants by default that a sandbox has no business with. */
export const DROPPED_CAPABILITIES = ['NET_RAW', 'MKNOD', 'AUDIT_WRITE', 'SETFCAP', 'SYS_CHROOT'] as const;

export interface ContainerIdentity {
  sandboxId: string;
  instanceId: string;
  createdAt: string;
  expiresAt: string | null;
}

export function containerName(sandboxId: string): string {
  return `sandlot-${sandboxId}`;
}

export function sandboxLabels(spec: SandboxSpec, who: ContainerIdentity): Record<string, string> {
  return {
    [LABEL.managed]: 'true',
    [LABEL.instance]: who.instanceId,
    [LABEL.sandboxId]: who.sandboxId,
    [LABEL.createdAt]: who.createdAt,
    [LABEL.image]: spec.image,
    [LABEL.entrypoint]: JSON.stringify(spec.entrypoint),
    [LABEL.metadata]: JSON.stringify(spec.metadata),
    [LABEL.resources]: JSON.stringify(spec.resourceLimits),
    [LABEL.network]: spec.networkGroup ?? ISOLATED,
    ...(spec.platform ? { [LABEL.platform]: `${spec.platform.os}/${spec.platform.arch}` } : {}),
    ...(who.expiresAt ? { [LABEL.expiresAt]: who.expiresAt } : {}),
  };
}

export function containerOptions(
  spec: SandboxSpec,
  who: ContainerIdentity,
  exposedPorts: readonly string[],
): ContainerCreateOptions {
  const portBindings = Object.fromEntries(exposedPorts.map((p) => [p, [{ HostIp: '127.0.0.1', HostPort: '' }]]));
  return {
    Image: spec.image,
    Entrypoint: spec.entrypoint,
    Cmd: [],
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: sandboxLabels(spec, who),
    ExposedPorts: Object.fromEntries(exposedPorts.map((p) => [p, {}])),
    HostConfig: {
      // An init reaps zombies and forwards signals, so stop is quick and clean.
      Init: true,
      SecurityOpt: ['no-new-privileges:true'],
      CapDrop: [...DROPPED_CAPABILITIES],
      PidsLimit: spec.pidsLimit,
      // Sandlot's own network, never Docker's default bridge that every container shares.
      NetworkMode: sandboxNetworkName(who.instanceId, spec.networkGroup),
      PortBindings: portBindings,
      RestartPolicy: { Name: 'no' },
      NanoCpus: spec.nanoCpus,
      // Swap equal to memory: the limit is the limit.
      Memory: spec.memoryBytes,
      MemorySwap: spec.memoryBytes,
      ...(spec.memoryReservationBytes !== null ? { MemoryReservation: spec.memoryReservationBytes } : {}),
      ...(spec.cpuShares !== null ? { CpuShares: spec.cpuShares } : {}),
      ...(spec.gpus !== null
        ? { DeviceRequests: [{ Driver: '', Count: spec.gpus, Capabilities: [['gpu']] }] }
        : {}),
      Mounts: spec.volumes.map((v) => ({
        Type: v.kind === 'host' ? ('bind' as const) : ('volume' as const),
        Source: v.source,
        Target: v.mountPath,
        ReadOnly: v.readOnly,
      })),
    },
  };
}
