// File contents and metadata inside a container through Docker's archive API (GET/PUT/HEAD
// /containers/{id}/archive): works for any image, with no tool inside it.
import type Docker from 'dockerode';

export class ArchiveApi {
  constructor(protected readonly docker: Docker) {}
}
