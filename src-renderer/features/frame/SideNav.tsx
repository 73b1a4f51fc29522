// The left navigation: one link per page, the current one marked with aria-current.
import type { ReactNode } from 'react';
import { useNavigationStore } from '../../stores/context.ts';
import { pageHref, type PageId } from '../../stores/navigation.ts';
import { NavIcon } from './NavIcon.tsx';

const items: { page: PageId; label: string }[] = [
  { page: 'tasks', label: 'Tasks' },
  { page: 'agents', label: 'Agents' },
  { page: 'spaces', label: 'Spaces' },
  { page: 'import', label: 'Import' },
  { page: 'settings', label: 'Settings' },
];

export function SideNav({ footer }: { footer?: ReactNode }) {
  const current = useNavigationStore((s) => s.page);
  return (
    <nav className="sidenav" aria-label="Main">
      <ul>
        {items.map(({ page, label }) => (
          <li key={page}>
            <a
              href={pageHref(page)}
              className="sidenav__link"
              aria-current={page === current ? 'page' : undefined}
            >
              <NavIcon page={page} />
              {label}
            </a>
          </li>
        ))}
      </ul>
      {footer}
    </nav>
  );
}
