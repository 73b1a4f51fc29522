// A visible, announced "loading" line.
import './notices.css';

export function LoadingStatus({ children }: { children: string }) {
  return (
    <p role="status" className="loading">
      <span className="loading__spinner" aria-hidden="true" />
      {children}
    </p>
  );
}
