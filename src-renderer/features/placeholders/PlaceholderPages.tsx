// Pages whose real screens come in later issues: each says what is coming. (Settings has its
// own page in features/settings.)
import type { ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { OfferedFileNotice } from '../desktop/Notices.tsx';
import './placeholders.css';

function ComingSoon({
  title,
  intro,
  coming,
  children,
}: {
  title: string;
  intro: string;
  coming: string[];
  /** Shown between the header and the list (notices). */
  children?: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={intro} />
      {children}
      <section className="coming-soon" aria-labelledby="coming-soon-title">
        <h2 id="coming-soon-title">Coming next</h2>
        <ul>
          {coming.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
    </>
  );
}

export function ImportPage() {
  return (
    <ComingSoon
      title="Import"
      intro="Bring leads in from a spreadsheet and call them through an agent."
      coming={[
        'Import leads from a CSV file, with a preview before anything is sent.',
        'Phone numbers checked and written in international format.',
        'Launch the calls through the agent you choose, now or on a schedule.',
      ]}
    >
      {/* A CSV opened with the app; lead import's page takes the file from the desktop store. */}
      <OfferedFileNotice />
    </ComingSoon>
  );
}
