import type { JSX } from 'react';

/** A refusal shown under a small form, announced to screen readers. */
export function FormError({ message }: { message: string | null | undefined }): JSX.Element | null {
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}
