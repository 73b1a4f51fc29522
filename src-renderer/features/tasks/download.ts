// Starts the browser's own download of a file main streams (the web host's one-time export
// address): the page never holds the file's text.
export function downloadUrl(filename: string, url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
