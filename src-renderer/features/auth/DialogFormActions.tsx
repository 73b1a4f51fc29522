// The submit and Cancel buttons at the foot of a dialog's form. While the request runs both stay
// focusable but inert (aria-disabled, not disabled, so focus is not dropped), and Cancel does
// nothing, like Escape in Dialog.
import type { ReactNode } from 'react';

interface DialogFormActionsProps {
  busy: boolean;
  submitLabel: ReactNode;
  /** `danger` for a submit that removes something (e.g. "Sign out"). */
  submitVariant: 'primary' | 'danger';
  onCancel(): void;
}

export function DialogFormActions({ busy, submitLabel, submitVariant, onCancel }: DialogFormActionsProps) {
  return (
    <div className="auth-form__actions">
      <button type="submit" className={`button button--${submitVariant}`} aria-disabled={busy || undefined}>
        {submitLabel}
      </button>
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={busy || undefined}
        onClick={() => {
          if (!busy) onCancel();
        }}
      >
        Cancel
      </button>
    </div>
  );
}
