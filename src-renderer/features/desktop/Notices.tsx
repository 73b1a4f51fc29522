// The desktop shell's notice: the window was reloaded after its page process died (main put
// the reason in the address).
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
