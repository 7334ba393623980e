// A modal dialog on the native <dialog> (focus trap, top layer, Esc). Rendered only while open;
// Esc and the close button call onClose. `obscured` hides it from assistive tech while a
// confirmation is stacked on top of it.
import { useId, useLayoutEffect, useRef, type FormEvent, type JSX, type ReactNode } from 'react';
import { Button } from './Button';

interface DialogProps {
  title: ReactNode;
  description?: ReactNode;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  /** When given, body and footer are one form (Enter submits). */
  onSubmit?(e: FormEvent<HTMLFormElement>): void;
  obscured?: boolean;
  tone?: 'default' | 'danger';
}

export function Dialog({ title, description, onClose, children, footer, size = 'md', onSubmit, obscured = false, tone = 'default' }: DialogProps): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const titleId = useId();
  const descId = useId();

  useLayoutEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) d.showModal();
    const target = d.querySelector<HTMLElement>('[data-autofocus]');
    target?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    d.addEventListener('cancel', onCancel);
    return () => {
      d.removeEventListener('cancel', onCancel);
      if (d.open) d.close();
    };
  }, []);

  const inner = (
    <>
      <div className="dialog-body">{children}</div>
      {footer ? <footer className="dialog-footer">{footer}</footer> : null}
    </>
  );
  return (
    <dialog
      ref={ref}
      className={`raised dialog dialog-${size} dialog-tone-${tone}`}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      aria-hidden={obscured || undefined}
    >
      <header className="dialog-header">
        <div className="dialog-heading">
          <h2 id={titleId}>{title}</h2>
          {description ? (
            <p id={descId} className="dialog-description">
              {description}
            </p>
          ) : null}
        </div>
        <Button variant="ghost" size="sm" icon="x" aria-label="Close dialog" onClick={onClose} />
      </header>
      {onSubmit ? (
        <form className="dialog-form" noValidate onSubmit={(e) => { e.preventDefault(); onSubmit(e); }}>
          {inner}
        </form>
      ) : (
        inner
      )}
    </dialog>
  );
}
