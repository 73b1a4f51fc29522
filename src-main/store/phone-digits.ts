// Phone numbers as a supervisor searches for them: by their last digits ("9987"), in national
// format with punctuation ("(469) 797-9987"), or in full with or without "+". The tokenizer
// keeps a number as written ("+14697979987" is the one word "14697979987"), and a full-text
// prefix query only matches the start of a word, so the index gets every digit suffix of each
// number as its own word: a prefix of a suffix is any run of digits inside the number, found
// with the same index-backed prefix lookup as any other word.

/** Fewer digits than this are not looked for inside numbers (they would match nearly all). */
export const MIN_PHONE_DIGITS = 4;
/** E.164 allows 15 digits; longer digit strings are not phone numbers worth splitting. */
const MAX_SUFFIX_LENGTH = 15;

/**
 * The words the hidden phone_digits column holds for these numbers: each number's digits and
 * every suffix of them from MIN_PHONE_DIGITS digits on, without repeats.
 */
export function phoneSearchWords(...numbers: (string | null)[]): string {
  const words = new Set<string>();
  for (const number of numbers) {
    if (number === null) continue;
    const digits = number.replace(/\D/g, '');
    if (digits.length === 0) continue;
    words.add(digits);
    for (let length = Math.min(digits.length, MAX_SUFFIX_LENGTH); length >= MIN_PHONE_DIGITS; length--) {
      words.add(digits.slice(-length));
    }
  }
  return [...words].join(' ');
}

/**
 * Where, in the written `number`, the last occurrence of one of `needles` (digit strings) lies
 * among its digits, punctuation inside the span included: in "+1 (469) 797-9987", "7979987" is
 * "797-9987". The longest needle that occurs wins; null when none does.
 */
export function findDigits(
  number: string,
  needles: readonly string[],
): { start: number; end: number } | null {
  // Where each digit sits in the written number.
  const at: number[] = [];
  for (let i = 0; i < number.length; i++) if (/\d/.test(number[i]!)) at.push(i);
  const digits = at.map((i) => number[i]).join('');
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    if (needle.length === 0) continue;
    const found = digits.lastIndexOf(needle);
    if (found !== -1) return { start: at[found]!, end: at[found + needle.length - 1]! + 1 };
  }
  return null;
}
