// Marks an empty value in a table: a dash for the eye, words for a screen reader.
export function NotSet() {
  return (
    <span className="not-set">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">not set</span>
    </span>
  );
}
