// Shown instead of the app when the Electron preload did not load (lib/bridge.ts).
import { MISSING_PRELOAD_MESSAGE } from '../../lib/bridge.ts';
import '../../components/notices.css';

export function FatalBridgeMessage() {
  return (
    <main id="main" className="startup">
      <h1 className="visually-hidden">Unpod Desk</h1>
      <div role="alert" className="notice notice--error notice--crash">
        <div className="notice__body">
          <p className="notice__title">Unpod Desk cannot start</p>
          <p>{MISSING_PRELOAD_MESSAGE}</p>
        </div>
      </div>
    </main>
  );
}
