// Settings, "Recordings": the space the recordings cache uses, its limit (editable), its folder,
// and "Clear recordings" (those kept offline only when asked). Also "Help" with the keyboard
// shortcuts, which are not tied to one page.
import { useEffect, useState, type FormEvent } from 'react';
import type { IpcError } from '../../../src-main/ipc/contract.ts';
import type { RecordingsCacheInfo } from '../../../src-main/ipc/contract-recordings.ts';
import { settle } from '../../lib/ipc.ts';
import { Dialog } from '../auth/Dialog.tsx';
import { plural } from '../tasks/plural.ts';
import { bytesToGb, formatBytes, parseLimitGb } from './bytes.ts';
import { KeyboardShortcutsDialog } from '../help/KeyboardShortcutsDialog.tsx';
import './player.css';

// The contract's bounds (the renderer may import only its types); main checks them again.
const MIN_RECORDINGS_LIMIT_BYTES = 100 * 1024 ** 2;
const MAX_RECORDINGS_LIMIT_BYTES = 1024 ** 4;

function limitProblem(text: string): string | null {
  const bytes = parseLimitGb(text);
  if (bytes === null) return 'Enter the limit in GB as a number, for example 2 or 0.5.';
  if (bytes < MIN_RECORDINGS_LIMIT_BYTES) return 'The limit must be at least 0.1 GB (100 MB).';
  if (bytes > MAX_RECORDINGS_LIMIT_BYTES) return 'The limit must be at most 1024 GB (1 TB).';
  return null;
}

function ClearDialog({
  info,
  onClose,
  onCleared,
}: {
  info: RecordingsCacheInfo;
  onClose(): void;
  onCleared(info: RecordingsCacheInfo): void;
}) {
  const [includePinned, setIncludePinned] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await settle(() => window.unpod.recordings.clear({ includePinned }));
    setBusy(false);
    if (result.ok) onCleared(result.data);
    else setError(result.error);
  }

  return (
    <Dialog
      title="Clear recordings"
      description="Removes the downloaded recordings of this workspace from this computer. They download again when you play them online."
      onClose={onClose}
      busy={busy}
    >
      <form onSubmit={(event) => void submit(event)}>
        {info.pinnedCount > 0 && (
          <label className="settings-check">
            <input
              type="checkbox"
              checked={includePinned}
              onChange={(event) => setIncludePinned(event.currentTarget.checked)}
            />
            Also the {info.pinnedCount} {plural(info.pinnedCount, 'recording', 'recordings')} kept offline (
            {formatBytes(info.pinnedBytes)})
          </label>
        )}
        {error && <p role="alert">Could not clear the recordings: {error.message}</p>}
        <div className="dialog-actions">
          <button type="submit" className="button button--danger" aria-disabled={busy || undefined}>
            {busy ? 'Clearing…' : 'Clear recordings'}
          </button>
          <button type="button" className="button button--secondary" onClick={() => !busy && onClose()}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function RecordingsSettings() {
  const [info, setInfo] = useState<RecordingsCacheInfo | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [limitText, setLimitText] = useState('');
  const [limitError, setLimitError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [clearing, setClearing] = useState(false);
  const [stamp, setStamp] = useState(0);

  useEffect(() => window.unpod.on('recordings.changed', () => setStamp((n) => n + 1)), []);

  useEffect(() => {
    let current = true;
    void settle(() => window.unpod.recordings.cacheInfo({})).then((result) => {
      if (!current) return;
      if (result.ok) {
        setInfo(result.data);
        setLoadError(null);
        setLimitText((text) => (text === '' ? bytesToGb(result.data.limitBytes) : text));
      } else setLoadError(result.error);
    });
    return () => {
      current = false;
    };
  }, [stamp]);

  async function saveLimit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const problem = limitProblem(limitText);
    setLimitError(problem);
    if (problem) return;
    const result = await settle(() =>
      window.unpod.recordings.setLimit({ limitBytes: parseLimitGb(limitText)! }),
    );
    if (!result.ok) {
      setLimitError(result.error.message);
      return;
    }
    setInfo(result.data);
    setLimitText(bytesToGb(result.data.limitBytes));
    setSaved(`Limit set to ${formatBytes(result.data.limitBytes)}.`);
  }

  return (
    <section className="settings-section" aria-labelledby="settings-recordings-title">
      <h2 id="settings-recordings-title">Recordings</h2>
      {loadError ? (
        <p className="settings-section__note">
          {loadError.code === 'not_signed_in'
            ? 'Open a workspace to see the space its recordings use.'
            : `Could not read the recordings cache: ${loadError.message}`}
        </p>
      ) : !info ? (
        <p className="settings-section__note">Reading the recordings cache…</p>
      ) : (
        <>
          <dl className="recordings-facts">
            <dt>Space used</dt>
            <dd>
              {formatBytes(info.usedBytes)} of {formatBytes(info.limitBytes)} ({info.count}{' '}
              {plural(info.count, 'recording', 'recordings')}
              {info.pinnedCount > 0 && `, ${info.pinnedCount} kept offline`})
            </dd>
            <dt>Folder</dt>
            <dd className="recordings-facts__folder">{info.folder}</dd>
          </dl>
          <form className="recordings-limit" onSubmit={(event) => void saveLimit(event)} noValidate>
            <label htmlFor="recordings-limit">Limit (GB)</label>
            <input
              id="recordings-limit"
              inputMode="decimal"
              value={limitText}
              aria-invalid={limitError !== null || undefined}
              aria-describedby="recordings-limit-help recordings-limit-error"
              onChange={(event) => setLimitText(event.currentTarget.value)}
            />
            <button type="submit" className="button button--secondary button--small">
              Save limit
            </button>
            <p id="recordings-limit-help" className="settings-section__note">
              When recordings need more room, those played least recently are removed first; recordings kept
              offline never are.
            </p>
            <p id="recordings-limit-error" role="alert" className="recordings-limit__error">
              {limitError}
            </p>
            <p role="status" className="settings-section__note">
              {saved}
            </p>
          </form>
          <div className="recordings-actions">
            <button
              type="button"
              className="button button--danger button--small"
              aria-disabled={info.count === 0 || undefined}
              onClick={() => info.count > 0 && setClearing(true)}
            >
              Clear recordings
            </button>
          </div>
        </>
      )}
      {clearing && info && (
        <ClearDialog
          info={info}
          onClose={() => setClearing(false)}
          onCleared={(next) => {
            setInfo(next);
            setClearing(false);
          }}
        />
      )}
    </section>
  );
}

export function HelpSettings() {
  const [open, setOpen] = useState(false);
  return (
    <section className="settings-section" aria-labelledby="settings-help-title">
      <h2 id="settings-help-title">Help</h2>
      <p>Every key the app answers, and where the focus must be for it.</p>
      <div className="recordings-actions">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setOpen(true)}
        >
          Keyboard shortcuts
        </button>
      </div>
      {open && <KeyboardShortcutsDialog onClose={() => setOpen(false)} />}
    </section>
  );
}
