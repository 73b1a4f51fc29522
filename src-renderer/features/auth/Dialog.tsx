// A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert,
// keeps Tab inside, and gives Escape for free. Escape and "close" go through onClose so the
// caller decides (a dialog that is busy saving ignores them). Focus returns to whatever had it
// before the dialog opened.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  /** The title's id, when content inside needs to point at it (aria-labelledby of a form). */
  titleId?: string;
  /** Optional sentence under the title, read as the dialog's description. */
  description?: ReactNode;
  onClose(): void;
  /** While true, Escape does nothing (e.g. a request is running). */
  busy?: boolean;
  children: ReactNode;
}

export function Dialog({
  title,
  titleId: givenTitleId,
  description,
  onClose,
  busy = false,
  children,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const ownTitleId = useId();
  const titleId = givenTitleId ?? ownTitleId;
  const descriptionId = useId();
  const busyRef = useRef(busy);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    busyRef.current = busy;
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      if (!busyRef.current) onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {description && (
        <div id={descriptionId} className="dialog__description">
          {description}
        </div>
      )}
      {children}
    </dialog>
  );
}
