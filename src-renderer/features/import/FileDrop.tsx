// Where a lead file comes in on the Import page: a drop area and the file chooser. A drop
// anywhere in the window is handled by useWindowFileDrop (the page's area only shows that it
// takes the file); the chooser is the keyboard's and the screen reader's way in.
import { useId, useState, type Ref } from 'react';
import { hasFiles } from './windowDrop.ts';

interface FileDropProps {
  onFile(file: File): void;
  busy: boolean;
  /** The file chooser itself (File → Import leads… focuses it). */
  inputRef?: Ref<HTMLInputElement>;
}

export function FileDrop({ onFile, busy, inputRef }: FileDropProps) {
  const [over, setOver] = useState(false);
  const hintId = useId();
  return (
    <div
      className={`file-drop${over ? ' file-drop--over' : ''}`}
      onDragEnter={(event) => setOver(hasFiles(event.dataTransfer))}
      onDragOver={(event) => setOver(hasFiles(event.dataTransfer))}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={() => setOver(false)}
    >
      <p className="file-drop__title">Drop a CSV file here</p>
      <p id={hintId} className="file-drop__hint">
        One lead per row, with a header row. Nothing is sent until you press Start calls.
      </p>
      <label className={`button button--secondary file-drop__choose${busy ? ' is-busy' : ''}`}>
        Choose a CSV file
        <input
          ref={inputRef}
          type="file"
          className="visually-hidden"
          accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
          aria-describedby={hintId}
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Cleared so choosing the same file again (after fixing it) reads it again.
            event.target.value = '';
            if (file) onFile(file);
          }}
        />
      </label>
    </div>
  );
}
