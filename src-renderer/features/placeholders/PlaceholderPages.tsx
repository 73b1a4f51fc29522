// Pages whose real screens come in later issues: each says what is coming. (Settings has its
// own page in features/settings.)
import { PageHeader } from '../../components/PageHeader.tsx';
import './placeholders.css';

function ComingSoon({ title, intro, coming }: { title: string; intro: string; coming: string[] }) {
  return (
    <>
      <PageHeader title={title} description={intro} />
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
    />
  );
}
