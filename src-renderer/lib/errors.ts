// Error text for people: the engine's own words, with the field shown next to its input.
import { BridgeError } from '../bridge/error';
import { EngineError } from '../../src-main/engine/errors';

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The field a refused call names, if any (e.g. `resourceLimits.cpu`). */
export function errorField(err: unknown): string | undefined {
  return err instanceof BridgeError ? err.field : undefined;
}

export interface FieldErrors {
  /** Messages by field path, without the `field: ` prefix. */
  fields: Record<string, string>;
  /** A message with no field to sit by. */
  form: string | null;
}

export const NO_ERRORS: FieldErrors = { fields: {}, form: null };

/**
 * Splits a refused call into a field error (when the form has an input for that field, as
 * `known(field)` says) or a form-level one.
 */
export function splitError(err: unknown, known: (field: string) => boolean): FieldErrors {
  const field = errorField(err);
  const message = errorText(err);
  if (field && known(field)) return { fields: { [field]: stripField(message, field) }, form: null };
  return { fields: {}, form: message };
}

/** The message of an EngineError without its `field: ` prefix (the field is shown by its input). */
export function stripField(message: string, field: string | undefined): string {
  if (field && message.startsWith(`${field}: `)) return message.slice(field.length + 2);
  return message;
}

/** Runs one of the engine's own checks; its message (without the field prefix), or undefined. */
export function engineMessage(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    if (err instanceof EngineError) return stripField(err.message, err.field);
    throw err;
  }
}
