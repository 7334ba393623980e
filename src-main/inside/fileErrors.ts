// Errors of file operations inside a sandbox. They are EngineErrors (so the bridge and the
// app-wide error handler understand them) with execd's own codes (FILE_NOT_FOUND...) and an
// explicit HTTP status, since some (403, 413, 416, 501) have no engine error kind.
import { EngineError, type EngineErrorKind } from '../engine/errors';

const KIND: Record<number, EngineErrorKind> = { 400: 'invalid', 403: 'invalid', 404: 'not_found', 409: 'conflict', 413: 'invalid', 416: 'invalid', 501: 'unsupported' };

export class FileError extends EngineError {
  override readonly code: string;
  constructor(
    readonly status: number,
    code: string,
    message: string,
    field?: string,
  ) {
    // A 500 here is the sandbox refusing (a tool failed), not a Sandlot bug: the bridge shows
    // it as a conflict, the HTTP API as a 500 with the tool's own words.
    super(KIND[status] ?? 'conflict', message, field);
    this.name = 'FileError';
    this.code = code;
  }
}

export const badPath = (field: string, message: string): FileError => new FileError(400, 'INVALID_PATH', `${field}: ${message}`, field);

export const badField = (field: string, message: string): FileError => new FileError(400, 'INVALID_REQUEST', `${field}: ${message}`, field);

export const fileNotFound = (field: string, path: string): FileError => new FileError(404, 'FILE_NOT_FOUND', `${field}: ${path} does not exist`, field);

export const forbiddenPath = (field: string, message: string): FileError => new FileError(400, 'PATH_FORBIDDEN', `${field}: ${message}`, field);
