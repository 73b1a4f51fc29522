// The "New call" button and its dialog, on the Import and Tasks pages; says once the call is sent.
// File → New call… opens the Import page's.
import { useCallback, useState } from 'react';
import { NewCallDialog } from './NewCallDialog.tsx';
import { useMenuNewCall } from './useMenuRequests.ts';
import './import.css';

export function NewCallButton({ opensOnMenu = false }: { opensOnMenu?: boolean }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  useMenuNewCall(
    opensOnMenu,
    useCallback(() => setOpen(true), []),
  );
  return (
    <div className="new-call-button">
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        New call
      </button>
      <p role="status" className="new-call-button__status">
        {created ?? ''}
      </p>
      {open && (
        <NewCallDialog
          onClose={() => setOpen(false)}
          onCreated={(message) => {
            setOpen(false);
            setCreated(message);
          }}
        />
      )}
    </div>
  );
}
