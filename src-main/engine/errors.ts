// Errors the engine raises on purpose. Each kind maps to one HTTP status in the API adapter
// and to a plain message in the UI; anything else reaching an adapter is a bug (500).

export type EngineErrorKind = 'invalid' | 'not_found' | 'conflict' | 'unavailable' | 'unsupported';

const CODES: Record<EngineErrorKind, string> = {
  invalid: 'INVALID_REQUEST',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  unavailable: 'DOCKER_UNAVAILABLE',
  unsupported: 'NOT_SUPPORTED',
};

export class EngineError extends Error {
  readonly code: string;
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    /** The request field at fault, as a dotted path (e.g. `resourceLimits.cpu`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'EngineError';
    this.code = CODES[kind];
  }
}

export const invalid = (field: string, message: string): EngineError =>
  new EngineError('invalid', `${field}: ${message}`, field);

export const unsupported = (field: string, message: string): EngineError =>
  new EngineError('unsupported', `${field}: ${message}`, field);
