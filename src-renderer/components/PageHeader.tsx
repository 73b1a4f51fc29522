// A page's title row. The heading takes focus when the user moves to the page (see lib/pageFocus.ts).
import type { ReactNode } from 'react';
import { useHeadingFocus } from '../lib/pageFocus.ts';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  const headingRef = useHeadingFocus<HTMLHeadingElement>();
  return (
    <div className="page-header">
      <div>
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {description && <p className="page-header__description">{description}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </div>
  );
}
