// The first stop of the Tab order: jumps past the top bar and navigation to the page content.
// Moves focus in script rather than following "#main", because the hash holds the current page.
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}
    >
      Skip to main content
    </a>
  );
}
