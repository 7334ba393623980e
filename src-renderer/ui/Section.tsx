// A titled block inside the detail panel or a dialog.
import type { JSX, ReactNode } from 'react';

export function Section({ title, actions, children, className }: { title: string; actions?: ReactNode; children: ReactNode; className?: string }): JSX.Element {
  return (
    <section className={`section${className ? ` ${className}` : ''}`} aria-label={title}>
      <div className="section-head">
        <h3>{title}</h3>
        {actions ? <div className="section-actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
