// What the desktop notification says when an import ends (Electron shows it, electron/
// import-notification.ts; the web host's page shows its own notice). Plain words and counts.
import type { ImportSummary } from '../../ipc/contract-imports.ts';

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function importFinishedNotice(summary: ImportSummary): { title: string; body: string } {
  const c = summary.counts;
  const source = summary.kind === 'single' ? 'New call' : summary.sourceName;
  if (summary.state === 'cancelled') {
    return {
      title: `Import cancelled: ${source}`,
      body: `${plural(c.created, 'call was', 'calls were')} created before it stopped; ${plural(c.planned + c.notCreated, 'lead was', 'leads were')} not sent.`,
    };
  }
  const parts = [plural(c.created, 'call created', 'calls created')];
  if (c.rejected > 0) parts.push(`${plural(c.rejected, 'lead', 'leads')} refused by Unpod`);
  if (c.skipped > 0) parts.push(`${plural(c.skipped, 'row', 'rows')} skipped`);
  if (c.undecided > 0) parts.push(`${plural(c.undecided, 'lead needs', 'leads need')} your choice`);
  return { title: `Import finished: ${source}`, body: `${parts.join(', ')}.` };
}
