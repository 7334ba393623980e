import type { BridgeErrorBody, BridgeResult } from '../../src-main/contract/bridge';

/** A refused bridge call: the same code and message the HTTP API gives, plus the field at fault. */
export class BridgeError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  constructor(body: BridgeErrorBody) {
    super(body.message);
    this.name = 'BridgeError';
    this.code = body.code;
    this.field = body.field;
  }
}

export function unwrap<T>(result: BridgeResult<unknown>): T {
  if (result.ok) return result.value as T;
  throw new BridgeError(result.error);
}
