// What every service inside a sandbox works with: the engine (which container, in which state)
// and the Docker adapter (exec, archive, logs, stats).
import type { SandboxEngine } from '../engine/engine';
import type { DockerRuntime } from '../runtime/docker';

export interface InsideDeps {
  engine: SandboxEngine;
  runtime: DockerRuntime;
}
