// A small sign in the top bar while an import is sent and the supervisor is on another page (or
// once it ended): how far it is, as a link back to Import.
import { useImportsStore, useNavigationStore } from '../../stores/context.ts';
import { pageHref } from '../../stores/navigation.ts';
import { createdText, sentText } from './progressText.ts';
import './import.css';

export function ImportIndicator() {
  const page = useNavigationStore((s) => s.page);
  const current = useImportsStore((s) => s.current);
  const progress = useImportsStore((s) => s.progress);
  const ended = useImportsStore((s) => s.ended);
  if (page === 'import') return null;
  let text: string | null = null;
  if (current) {
    const sent = progress?.sent ?? current.counts.created + current.counts.rejected;
    const total = progress?.total ?? current.counts.total - current.counts.skipped;
    const paused = (progress?.state ?? current.state) === 'paused';
    text = `Import ${paused ? 'paused' : 'running'}: ${sentText(sent, total)}`;
  } else if (ended) {
    text = `Import ${ended.state === 'cancelled' ? 'cancelled' : 'finished'}: ${createdText(ended.counts.created)}`;
  }
  if (text === null) return null;
  return (
    <a className="import-indicator" href={pageHref('import')}>
      <span className="import-indicator__dot" aria-hidden="true" />
      {text}
    </a>
  );
}
