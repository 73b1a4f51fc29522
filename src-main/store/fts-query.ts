// Builds an FTS5 MATCH expression from whatever a supervisor types into the search box.
//
// FTS5 has its own query language (AND/OR/NOT, NEAR, column filters "name:", prefix "*", "^",
// parentheses, quotes), so raw input such as `"`, `-x`, `a AND` or `name:` would raise a syntax
// error or change the meaning. Every whitespace-separated term is therefore turned into a quoted
// string (an embedded `"` doubled), which FTS5 treats as plain text to tokenise; the terms are
// implicitly ANDed; the last one (from two characters on) gets a prefix `*` so results appear
// while the user is typing.

/** Markers around matched text in highlight()/snippet() output; the UI turns them into <mark>. */
export const HIGHLIGHT_START = '\u0001';
export const HIGHLIGHT_END = '\u0002';

/** Terms beyond this are ignored: a pasted paragraph should not become a 500-phrase query. */
const MAX_TERMS = 12;

// A term the tokenizer (unicode61) would index: it has a letter, a digit or a private-use char.
// Terms of only punctuation or emoji produce no tokens and would match nothing, so they are dropped.
const HAS_TOKEN = /[\p{L}\p{N}\p{Co}]/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * The MATCH expression for `input`, or null when it holds nothing searchable (empty, or only
 * punctuation/emoji): the caller then applies no text filter.
 */
export function buildFtsQuery(input: string): string | null {
  const terms = input
    .normalize('NFC')
    .replace(CONTROL, ' ')
    .split(/\s+/u)
    .filter((term) => HAS_TOKEN.test(term))
    .slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms
    .map((term, i) => {
      const quoted = '"' + term.replaceAll('"', '""') + '"';
      // A one-letter prefix would expand to thousands of indexed words (seconds at 100k tasks)
      // and match nearly everything anyway; it is searched as a whole word until a second
      // letter is typed.
      return i === terms.length - 1 && [...term].length > 1 ? quoted + '*' : quoted;
    })
    .join(' ');
}

/** Splits a highlighted string into plain and matched parts (for the UI and for tests). */
export function splitHighlights(text: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  let rest = text;
  while (rest.length > 0) {
    const start = rest.indexOf(HIGHLIGHT_START);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(HIGHLIGHT_END, start + 1);
    const stop = end === -1 ? rest.length : end;
    parts.push({ text: rest.slice(start + 1, stop), match: true });
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}
