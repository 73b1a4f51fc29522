import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import {
  buildFtsQuery,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  readSearch,
  splitHighlights,
} from '../../src-main/store/fts-query.ts';

// What supervisors may type: FTS5 operators, stray quotes, punctuation, emoji, other scripts.
const NASTY = [
  '"',
  '""',
  '"unbalanced',
  'unbalanced"',
  '*',
  'a*',
  '*a',
  'a AND',
  'AND',
  'OR b',
  'NOT',
  'a OR b',
  'NEAR(a b)',
  '-x',
  '-',
  ':',
  'name:',
  'name:foo',
  '{name email}: x',
  '^start',
  '(',
  ')',
  'a (b',
  '+91',
  '+91 99887-76655',
  "O'Brien",
  'C++',
  '50%',
  '\\',
  '\u0000\u0001\u0002',
  '🌟',
  '👩‍💻 dev',
  'José',
  'Łukasiewicz',
  '山田 太郎',
  'राजेश',
  'مرحبا',
  '   ',
  // Numbers as written on a note, and what only looks like one.
  '(469) 797-9987',
  '469-797-9987',
  '469 797 9987',
  '469 - 797 - 9987',
  '+1 (469) 797-9987',
  '+1-469-797-9987',
  '07700 900123',
  '((469))',
  '+',
  '+-+',
  '- 469',
  '469 -',
  'rajesh 469 797',
  '12 34 rajesh',
  '2025-01-15',
  '1.5',
  '%%',
  '_',
];

describe('buildFtsQuery', () => {
  it('quotes every term and makes the last one a prefix', () => {
    expect(buildFtsQuery('john')).toBe('"john"*');
    expect(buildFtsQuery('  john   smith ')).toBe('"john" "smith"*');
  });

  it('doubles embedded quotes and keeps operators as plain words', () => {
    expect(buildFtsQuery('say "hi')).toBe('"say" """hi"*');
    expect(buildFtsQuery('a AND bo')).toBe('"a" "AND" "bo"*');
    expect(buildFtsQuery('name:foo -xy')).toBe('"name:foo" "-xy"*');
  });

  it('returns null when nothing is searchable, and says why', () => {
    for (const input of ['', '   ', '"', '*', '-', ':', '🌟', '()', '\u0001', '%%', '_', '*%_ 🌟']) {
      expect(buildFtsQuery(input), JSON.stringify(input)).toBeNull();
    }
    expect(readSearch('').kind).toBe('none');
    expect(readSearch('   ').kind).toBe('none');
    for (const input of ['*', '%%', '_', '🌟', '*%_ 🌟', '"', '()', '\u0001']) {
      expect(readSearch(input), JSON.stringify(input)).toEqual({ kind: 'no_words', match: null, digits: [] });
    }
    expect(readSearch('rajesh').kind).toBe('words');
  });

  it('waits for a second character: one alone is too short, one after other words is still being typed', () => {
    for (const input of ['a', 'R', '5', '山', '+1', 'a.', ' k ']) {
      expect(readSearch(input), JSON.stringify(input)).toEqual({
        kind: 'too_short',
        match: null,
        digits: [],
      });
    }
    expect(buildFtsQuery('rajesh k')).toBe('"rajesh"*');
    expect(buildFtsQuery('rajesh ku')).toBe('"rajesh" "ku"*');
    expect(buildFtsQuery('山田')).toBe('"山田"*');
    // A one-letter word the user typed on past stays a whole word.
    expect(buildFtsQuery('meera s iyer')).toBe('"meera" "s" "iyer"*');
  });

  it('drops punctuation-only terms but keeps the rest', () => {
    expect(buildFtsQuery('ana 🌟 - lima')).toBe('"ana" "lima"*');
  });

  it('reads a number written with spaces and punctuation as its digits, or as the words it is', () => {
    expect(readSearch('(469) 797-9987')).toEqual({
      kind: 'words',
      match: '("4697979987"* OR ("(469)" AND "797-9987"*))',
      digits: ['4697979987'],
    });
    expect(buildFtsQuery('469-797-9987')).toBe('("4697979987"* OR "469-797-9987"*)');
    expect(buildFtsQuery('469 797 9987')).toBe('("4697979987"* OR ("469" AND "797" AND "9987"*))');
    expect(buildFtsQuery('469 - 797 - 9987')).toBe(buildFtsQuery('469 797 9987'));
    expect(buildFtsQuery('+1 (469) 797-9987')).toBe('("14697979987"* OR ("+1" AND "(469)" AND "797-9987"*))');
    // A full number is one word already; the trunk zero of a national number is also tried without.
    expect(readSearch('+14697979987')).toEqual({
      kind: 'words',
      match: '"14697979987"*',
      digits: ['14697979987'],
    });
    expect(readSearch('07700 900123').digits).toEqual(['07700900123', '7700900123']);
    // Last digits are a word like any other (the index holds every digit suffix of a number).
    expect(readSearch('9987')).toEqual({ kind: 'words', match: '"9987"*', digits: ['9987'] });
    // Next to other words, only the last unit is a prefix and the groups are ANDed explicitly.
    expect(buildFtsQuery('rajesh 469-797-9987')).toBe('"rajesh" AND ("4697979987"* OR "469-797-9987"*)');
    expect(buildFtsQuery('469-797-9987 rajesh')).toBe('("4697979987" OR "469-797-9987") AND "rajesh"*');
    // Fewer than four digits are not looked for inside numbers.
    expect(readSearch('1-2')).toEqual({ kind: 'words', match: '"1-2"*', digits: [] });
    expect(buildFtsQuery('12 3')).toBe('"12"*');
  });

  it('caps the number of terms', () => {
    const many = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    expect(buildFtsQuery(many)!.split(' ')).toHaveLength(12);
  });

  it('never produces an expression FTS5 rejects', () => {
    const db = new DatabaseSync(':memory:');
    db.exec("CREATE VIRTUAL TABLE f USING fts5(a, tokenize = 'unicode61 remove_diacritics 2')");
    db.exec("INSERT INTO f VALUES ('José Łukasiewicz O''Brien and 山田 太郎 +91 99887-76655 name foo')");
    const search = db.prepare('SELECT count(*) AS n FROM f WHERE f MATCH ?');
    for (const input of NASTY) {
      const match = buildFtsQuery(input);
      if (match === null) continue;
      expect(() => search.get(match), `${JSON.stringify(input)} → ${match}`).not.toThrow();
    }
    // And the plain-word reading finds what was typed.
    expect(search.get(buildFtsQuery('jose')!)).toEqual({ n: 1 });
    expect(search.get(buildFtsQuery('山田')!)).toEqual({ n: 1 });
    expect(search.get(buildFtsQuery("O'Brien")!)).toEqual({ n: 1 });
    expect(search.get(buildFtsQuery('OR b')!)).toEqual({ n: 0 });
    db.close();
  });
});

describe('splitHighlights', () => {
  it('splits marked text into parts', () => {
    const s = `Hello ${HIGHLIGHT_START}Rajesh${HIGHLIGHT_END} and ${HIGHLIGHT_START}Raj${HIGHLIGHT_END}`;
    expect(splitHighlights(s)).toEqual([
      { text: 'Hello ', match: false },
      { text: 'Rajesh', match: true },
      { text: ' and ', match: false },
      { text: 'Raj', match: true },
    ]);
    expect(splitHighlights('plain')).toEqual([{ text: 'plain', match: false }]);
  });
});
