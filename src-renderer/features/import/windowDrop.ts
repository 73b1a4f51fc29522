// A file dropped anywhere in the window opens Import with it. Without this, a file dropped
// outside the Import page's area would make the browser (or Electron) navigate to the file.
import { useEffect } from 'react';

export const hasFiles = (data: DataTransfer | null): boolean =>
  data !== null && Array.from(data.types).includes('Files');

/** Follows the window's drag and drop; `onFile` gets the first file dropped. Returns the undo. */
export function followWindowFileDrop(target: Window, onFile: (file: File) => void): () => void {
  const allow = (event: DragEvent) => {
    if (!hasFiles(event.dataTransfer)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const drop = (event: DragEvent) => {
    if (!hasFiles(event.dataTransfer)) return;
    event.preventDefault();
    const file = event.dataTransfer?.files[0];
    if (file) onFile(file);
  };
  target.addEventListener('dragenter', allow);
  target.addEventListener('dragover', allow);
  target.addEventListener('drop', drop);
  return () => {
    target.removeEventListener('dragenter', allow);
    target.removeEventListener('dragover', allow);
    target.removeEventListener('drop', drop);
  };
}

export function useWindowFileDrop(onFile: (file: File) => void): void {
  useEffect(() => followWindowFileDrop(window, onFile), [onFile]);
}
