// The app's version and where it runs (desktop app or web host tab).
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../src-main/ipc/contract.ts';
import { settle } from '../../lib/ipc.ts';

type AppInfo = ChannelOutput<'app.getInfo'>;

export function AboutApp() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let current = true;
    void settle(() => window.unpod.app.getInfo()).then((result) => {
      if (current && result.ok) setInfo(result.data);
    });
    return () => {
      current = false;
    };
  }, []);
  if (!info) return null;
  const host = info.host === 'web' ? 'in a browser tab (web host)' : 'as a desktop app';
  return (
    <section className="settings-section" aria-labelledby="about-app-title">
      <h2 id="about-app-title">About</h2>
      <p>
        Unpod Desk {info.version}, running {host}.
      </p>
    </section>
  );
}
