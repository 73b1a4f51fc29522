import { describe, expect, it } from 'vitest';
import { findDigits, phoneSearchWords } from '../../src-main/store/phone-digits.ts';

describe('phoneSearchWords', () => {
  it('holds every digit suffix of each number from four digits on, once', () => {
    expect(phoneSearchWords('+1 (469) 797-9987').split(' ')).toEqual([
      '14697979987',
      '4697979987',
      '697979987',
      '97979987',
      '7979987',
      '979987',
      '79987',
      '9987',
    ]);
    // The same number twice (input and output) adds nothing; missing and digitless ones nothing.
    expect(phoneSearchWords('+14697979987', '14697979987', null, 'unknown')).toBe(
      phoneSearchWords('+14697979987'),
    );
    expect(phoneSearchWords('911')).toBe('911');
  });

  it('splits no more than a phone number can hold (15 digits)', () => {
    const words = phoneSearchWords('1234567890123456789012').split(' ');
    expect(words[0]).toBe('1234567890123456789012');
    expect(words[1]).toBe('890123456789012');
    expect(words.at(-1)).toBe('9012');
    expect(words).toHaveLength(1 + 12);
  });
});

describe('findDigits', () => {
  const span = (number: string, needles: string[]) => {
    const found = findDigits(number, needles);
    return found === null ? null : number.slice(found.start, found.end);
  };

  it('finds digits across the punctuation they are written with, the last occurrence first', () => {
    expect(span('+1 (469) 797-9987', ['7979987'])).toBe('797-9987');
    expect(span('+1 (469) 797-9987', ['4697979987'])).toBe('469) 797-9987');
    expect(span('+14697979987', ['9987'])).toBe('9987');
    expect(span('+919999', ['99'])).toBe('99');
    expect(findDigits('+919999', ['99'])).toEqual({ start: 5, end: 7 });
  });

  it('prefers the longest needle and says when none occurs', () => {
    expect(span('+447700900123', ['07700900123', '7700900123'])).toBe('7700900123');
    expect(findDigits('+14697979987', ['1234'])).toBeNull();
    expect(findDigits('+14697979987', [''])).toBeNull();
  });
});
