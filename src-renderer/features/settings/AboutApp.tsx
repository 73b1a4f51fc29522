// The app's version, where it runs (desktop app or web host tab), the runtimes under it and the
// folder it keeps its data in. Help → About Unpod Desk focuses this section.
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
  const { electron, chromium, node } = info.versions;
  return (
    <section className="settings-section" aria-labelledby="about-app-title">
      <h2 id="about-app-title" tabIndex={-1}>
        About
      </h2>
      <p>
        Unpod Desk {info.version}, running {host}.
      </p>
      <dl className="about-facts">
        {electron !== null && (
          <>
            <dt>Electron</dt>
            <dd>{electron}</dd>
          </>
        )}
        {chromium !== null && (
          <>
            <dt>Chromium</dt>
            <dd>{chromium}</dd>
          </>
        )}
        <dt>Node.js</dt>
        <dd>{node}</dd>
        <dt>Data folder</dt>
        <dd className="about-facts__path">{info.dataDir}</dd>
      </dl>
    </section>
  );
}
