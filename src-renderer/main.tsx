// Renderer entry. In Electron the preload has already defined `window.unpod`; in the web host
// the bridge over HTTP + Server-Sent Events is installed here; in Electron without it (a failed
// preload) the page says it cannot start (lib/bridge.ts). The stores are made here, once,
// over that API, and handed to the components by StoresProvider.
// The shared stylesheet first, so each feature's stylesheet (imported by its components) can
// refine the shared controls.
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installWebBridge } from '../src-preload/web.ts';
import { App } from './app/App.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { DesktopShell } from './features/desktop/DesktopShell.tsx';
import { FatalBridgeMessage } from './features/desktop/FatalBridgeMessage.tsx';
import { chooseBridge } from './lib/bridge.ts';
import { createReadingPort, type FileBridge } from './stores/importReading.ts';
import { windowAddress } from './stores/navigation.ts';
import { createStores } from './stores/registry.ts';
import { StoresProvider } from './stores/StoresProvider.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks the #root element');

const bridge = chooseBridge({
  hasPreloadApi: 'unpod' in window,
  protocol: window.location.protocol,
  userAgent: navigator.userAgent,
});
if (bridge === 'missing-preload') {
  createRoot(root).render(<FatalBridgeMessage />);
} else {
  if (bridge === 'web') installWebBridge();
  // Lead files reach main through the host's own bridge (a path in Electron, an upload in the web host).
  const files = (window as { unpodFiles?: FileBridge }).unpodFiles ?? null;
  const stores = createStores(window.unpod, windowAddress(), createReadingPort(window.unpod, files));
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary area="Unpod Desk">
        <StoresProvider stores={stores}>
          <App />
          <DesktopShell />
        </StoresProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
}
