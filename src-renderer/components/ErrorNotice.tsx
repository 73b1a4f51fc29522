// A failed request, said plainly, with a way to try again. role="alert" so screen readers
// announce it as soon as it appears.
import type { IpcError } from '../../src-main/ipc/contract.ts';
import { describeError } from '../lib/describeError.ts';
import './notices.css';

interface ErrorNoticeProps {
  /** What failed, from the user's side: "Could not load agents". */
  title: string;
  error: IpcError;
  onRetry(): void;
  onDismiss?(): void;
  /** Shows a busy Retry button while the retry runs. */
  retrying?: boolean;
}

export function ErrorNotice({ title, error, onRetry, onDismiss, retrying = false }: ErrorNoticeProps) {
  const { message, hint } = describeError(error);
  return (
    <div role="alert" className="notice notice--error">
      <div className="notice__body">
        <p className="notice__title">{title}</p>
        <p>{message}</p>
        {hint && <p className="notice__hint">{hint}</p>}
      </div>
      <div className="notice__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            if (!retrying) onRetry();
          }}
          aria-disabled={retrying || undefined}
        >
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
        {onDismiss && (
          <button type="button" className="button button--quiet" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}
