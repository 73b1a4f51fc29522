import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import {
  buildFtsQuery,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
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
];

describe('buildFtsQuery', () => {
  it('quotes every term and makes the last one a prefix', () => {
    expect(buildFtsQuery('john')).toBe('"john"*');
    expect(buildFtsQuery('  john   smith ')).toBe('"john" "smith"*');
  });

  it('doubles embedded quotes and keeps operators as plain words', () => {
    expect(buildFtsQuery('say "hi')).toBe('"say" """hi"*');
    expect(buildFtsQuery('a AND bo')).toBe('"a" "AND" "bo"*');
    expect(buildFtsQuery('name:foo -x')).toBe('"name:foo" "-x"*');
  });

  it('returns null when nothing is searchable', () => {
    for (const input of ['', '   ', '"', '*', '-', ':', '🌟', '()', '\u0001']) {
      expect(buildFtsQuery(input), JSON.stringify(input)).toBeNull();
    }
  });

  it('matches a one-letter last term as a whole word, not as a prefix', () => {
    expect(buildFtsQuery('a')).toBe('"a"');
    expect(buildFtsQuery('rajesh k')).toBe('"rajesh" "k"');
    expect(buildFtsQuery('山')).toBe('"山"');
    expect(buildFtsQuery('山田')).toBe('"山田"*');
  });

  it('drops punctuation-only terms but keeps the rest', () => {
    expect(buildFtsQuery('ana 🌟 - lima')).toBe('"ana" "lima"*');
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
