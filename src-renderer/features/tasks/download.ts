// Saves text as a file through the browser's own download (a Blob link): works in the web host
// and in Electron (which asks where to save) without a dialog from main.
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started reading the Blob by now; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
