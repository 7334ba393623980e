// What an empty or unavailable panel says instead: an icon, a line, and an optional action.
import type { JSX, ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export function Placeholder({ icon, title, children }: { icon: IconName; title: string; children?: ReactNode }): JSX.Element {
  return (
    <div className="placeholder">
      <div className="empty-icon">
        <Icon name={icon} size={24} />
      </div>
      <p className="placeholder-title">{title}</p>
      {children ? <div className="placeholder-body">{children}</div> : null}
    </div>
  );
}
