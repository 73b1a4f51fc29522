// Text with the parts a search matched wrapped in <mark>. Built from parts, never from HTML, so
// whatever a lead's name or a transcript contains is shown as text.
import type { Highlighted as Parts } from '../../../src-main/ipc/contract.ts';

export function Highlighted({ parts }: { parts: Parts }) {
  return (
    <>
      {parts.map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}
