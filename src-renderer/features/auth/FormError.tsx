// A failed sign-in step, said plainly at the top of its form. role="alert": announced at once.
import type { ReactNode } from 'react';
import '../../components/notices.css';

export function FormError({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div role="alert" className="notice notice--error auth-error">
      <div className="notice__body">
        <p className="notice__title">{title}</p>
        <div>{children}</div>
      </div>
    </div>
  );
}
