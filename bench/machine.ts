// What the numbers were measured on: CPU, memory, OS, Node, Docker, and how busy it was.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type Docker from 'dockerode';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  kernel: string;
  node: string;
  docker: string;
  dockerDetails: string;
  /** Containers on the daemon when the bench started (other people's included). */
  containersAtStart: number;
  runningAtStart: number;
}

/** The part of `docker info` the report uses; dockerode types it as `any`. */
interface DockerInfo {
  Containers?: number;
  ContainersRunning?: number;
  Driver?: string;
  CgroupVersion?: string;
  CgroupDriver?: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux: fall through
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty?.[1]) return pretty[1];
  } catch {
    // no os-release
  }
  return `${os.type()} ${os.release()}`;
}

export async function describeMachine(docker: Docker): Promise<MachineInfo> {
  const version = await docker.version();
  const info = (await docker.info()) as DockerInfo;
  return {
    cpuModel: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: osName(),
    kernel: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    docker: `${version.Version} (API ${version.ApiVersion})`,
    dockerDetails: [
      info.Driver ? `storage ${info.Driver}` : null,
      info.CgroupVersion ? `cgroup v${info.CgroupVersion}` : null,
      info.CgroupDriver ? `${info.CgroupDriver} driver` : null,
    ].filter((s) => s !== null).join(', '),
    containersAtStart: info.Containers ?? 0,
    runningAtStart: info.ContainersRunning ?? 0,
  };
}

export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' / ');
}
