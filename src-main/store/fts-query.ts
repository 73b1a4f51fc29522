// Builds an FTS5 MATCH expression from whatever a supervisor types into the search box.
//
// FTS5 has its own query language (AND/OR/NOT, NEAR, column filters "name:", prefix "*", "^",
// parentheses, quotes), so raw input such as `"`, `-x`, `a AND` or `name:` would raise a syntax
// error or change the meaning. Every whitespace-separated term is therefore turned into a quoted
// string (an embedded `"` doubled), which FTS5 treats as plain text to tokenise; the terms are
// ANDed; the last one gets a prefix `*` so results appear while the user is typing.
//
// A phone number is written with spaces and punctuation ("(469) 797-9987", "+1 469 797 9987"):
// consecutive terms made of digits and phone punctuation are read together as one number, whose
// digits are looked up among the numbers' digit suffixes (see phone-digits.ts), or else as the
// words they are (a date or an order number in a transcript).
import { MIN_PHONE_DIGITS } from './phone-digits.ts';

/** Markers around matched text in highlight()/snippet() output; the UI turns them into <mark>. */
export const HIGHLIGHT_START = '\u0001';
export const HIGHLIGHT_END = '\u0002';

/** Terms beyond this are ignored: a pasted paragraph should not become a 500-phrase query. */
const MAX_TERMS = 12;

// A term the tokenizer (unicode61) would index: it has a letter, a digit or a private-use char.
// Terms of only punctuation or emoji produce no tokens and would match nothing, so they are dropped.
const HAS_TOKEN = /[\p{L}\p{N}\p{Co}]/u;
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/gu;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
// A piece of a written phone number: digits with + ( ) - . / around or between them.
const NUMBER_PART = /^[()+\-./]*\d[\d()+\-./]*$/;
// Punctuation standing alone between the pieces ("469 - 797 - 9987").
const NUMBER_PUNCTUATION = /^[()+\-./]+$/;

/**
 * How a search was read:
 * - `none`: nothing typed;
 * - `words`: searched (`match` is the MATCH expression);
 * - `no_words`: only punctuation, symbols or emoji, which the index does not hold: no text filter;
 * - `too_short`: one letter or digit. As a prefix it would expand to thousands of indexed words
 *   (seconds at 100k tasks) and match nearly everything; as a whole word it matches next to
 *   nothing while the user is still typing. It waits for a second character: no text filter.
 */
export type SearchKind = 'none' | 'words' | 'no_words' | 'too_short';

export interface SearchReading {
  kind: SearchKind;
  match: string | null;
  /** Digit strings looked up inside phone numbers (to mark them in the number shown). */
  digits: string[];
}

type Unit = { kind: 'word'; term: string } | { kind: 'number'; parts: string[] };

const quote = (text: string) => '"' + text.replaceAll('"', '""') + '"';
const tokenChars = (term: string) => term.match(TOKEN_CHAR)?.length ?? 0;
const digitsOf = (text: string) => text.replace(/\D/g, '');

/** The terms, with the consecutive pieces of a written phone number grouped into one unit. */
function unitsOf(input: string): Unit[] {
  const units: Unit[] = [];
  for (const term of input.normalize('NFC').replace(CONTROL, ' ').split(/\s+/u)) {
    const last = units.at(-1);
    if (NUMBER_PART.test(term)) {
      if (last?.kind === 'number') last.parts.push(term);
      else units.push({ kind: 'number', parts: [term] });
    } else if (NUMBER_PUNCTUATION.test(term) && last?.kind === 'number') {
      continue; // a dash between the pieces of a number
    } else if (HAS_TOKEN.test(term)) {
      units.push({ kind: 'word', term });
    }
  }
  // A lone run of digits ("9987", "2025") is a word like any other: the digit suffixes in the
  // index make it match inside numbers too. So is a run too short to look for in numbers.
  return units.flatMap((unit): Unit[] => {
    if (unit.kind === 'word') return [unit];
    const digits = digitsOf(unit.parts.join(''));
    if ((unit.parts.length === 1 && /^\d+$/.test(unit.parts[0]!)) || digits.length < MIN_PHONE_DIGITS) {
      return unit.parts.map((term) => ({ kind: 'word', term }));
    }
    return [unit];
  });
}

/** The MATCH expression of a written number: its digits, or the words it is written with. */
function numberExpression(
  parts: readonly string[],
  prefix: boolean,
): { expression: string; digits: string[] } {
  const star = prefix ? '*' : '';
  const digits = digitsOf(parts.join(''));
  // A national number written with its trunk zero ("07700 900123") is stored as "+44 7700 900123".
  const variants = [...new Set([digits, digits.replace(/^0+/, '')])].filter(
    (v) => v.length >= MIN_PHONE_DIGITS,
  );
  const alternatives = variants.map((v) => quote(v) + star);
  // As words: "797-9987" is the phrase "797 9987". Skipped when that is the digits themselves.
  const words = parts.flatMap((part) => part.split(/\D+/).filter((w) => w !== ''));
  if (words.length > 1) {
    const phrases = parts.map((part, i) => quote(part) + (i === parts.length - 1 ? star : ''));
    alternatives.push(phrases.length === 1 ? phrases[0]! : `(${phrases.join(' AND ')})`);
  }
  const expression = alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
  return { expression, digits: variants };
}

/** Reads what the user typed; see SearchKind. */
export function readSearch(input: string): SearchReading {
  if (input.trim() === '') return { kind: 'none', match: null, digits: [] };
  const units = unitsOf(input).slice(0, MAX_TERMS);
  if (units.length === 0) return { kind: 'no_words', match: null, digits: [] };
  const last = units.at(-1)!;
  if (last.kind === 'word' && tokenChars(last.term) === 1) {
    // A one-character last word is still being typed ("rajesh k"): searched from its second
    // character on; until then the words before it are.
    if (units.length === 1) return { kind: 'too_short', match: null, digits: [] };
    units.pop();
  }
  const digits: string[] = [];
  const expressions = units.map((unit, i) => {
    const prefix = i === units.length - 1;
    if (unit.kind === 'number') {
      const number = numberExpression(unit.parts, prefix);
      digits.push(...number.digits);
      return number.expression;
    }
    if (/^\d+$/.test(unit.term) && unit.term.length >= MIN_PHONE_DIGITS) digits.push(unit.term);
    return quote(unit.term) + (prefix ? '*' : '');
  });
  // FTS5 accepts implicit AND between phrases but not next to a parenthesised group.
  const grouped = units.some((u) => u.kind === 'number');
  return { kind: 'words', match: expressions.join(grouped ? ' AND ' : ' '), digits };
}

/**
 * The MATCH expression for `input`, or null when it holds nothing to search for (see
 * readSearch): the caller then applies no text filter.
 */
export function buildFtsQuery(input: string): string | null {
  return readSearch(input).match;
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
