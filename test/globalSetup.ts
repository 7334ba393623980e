// Real parts for every test run: the busybox test image and an authenticated registry.
import Docker from 'dockerode';
import 'vitest';
import type { TestProject } from 'vitest/node';
import { ensureTestImage } from './fixtures/image';
import { startRegistry } from './fixtures/registry';

declare module 'vitest' {
  export interface ProvidedContext {
    registryHost: string;
    privateImage: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const docker = new Docker();
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(`The tests need a running Docker engine (${String(err)}); run scripts/prepare-test-machine.sh`);
  }
  await ensureTestImage(docker);
  const registry = await startRegistry(docker);
  project.provide('registryHost', registry.host);
  project.provide('privateImage', registry.privateImage);
  return () => registry.stop();
}
