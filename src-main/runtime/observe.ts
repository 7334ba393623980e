// Watching a container from outside: its log stream and Docker's resource statistics.
import type Docker from 'dockerode';

export class ObserveApi {
  constructor(protected readonly docker: Docker) {}
}
