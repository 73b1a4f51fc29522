// The desktop shell's notices: the window was reloaded after its page process died (main put
// the reason in the address), and a CSV was opened with the app.
import { recoveredMessage } from '../../../src-main/shared/crash-notice.ts';
import { useDesktopStore } from '../../stores/context.ts';
import './desktop.css';

export function RecoveredNotice() {
  const recovered = useDesktopStore((s) => s.recovered);
  const setRecovered = useDesktopStore((s) => s.setRecovered);
  if (recovered === null) return null;
  return (
    <div role="alert" className="notice notice--info">
      <div className="notice__body">
        <p className="notice__title">Unpod Desk reloaded this window</p>
        <p>{recoveredMessage(recovered)}</p>
      </div>
      <div className="notice__actions">
        <button type="button" className="button button--quiet" onClick={() => setRecovered(null)}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

/**
 * On the Import page until lead import takes the file: says the file arrived. Lead import
 * replaces this with staging the file (useDesktopStore's offeredFile, then clearOfferedFile).
 */
export function OfferedFileNotice() {
  const file = useDesktopStore((s) => s.offeredFile);
  const clear = useDesktopStore((s) => s.clearOfferedFile);
  if (file === null) return null;
  return (
    <div role="status" className="notice notice--info">
      <div className="notice__body">
        <p className="notice__title">{file.name} was opened with Unpod Desk</p>
        <p>
          Opening a CSV with Unpod Desk brings it here. Importing leads from a file is not ready yet; once it
          is, the Import page will take it and show a preview before anything is sent.
        </p>
        <p className="notice__path">{file.path}</p>
      </div>
      <div className="notice__actions">
        <button type="button" className="button button--quiet" onClick={clear}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
