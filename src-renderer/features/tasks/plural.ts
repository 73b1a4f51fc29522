// Counts in words: "1 task matches", "2 tasks match". The words are English, so English plural
// rules choose them; the number itself is formatted in the user's locale (formatCount).
const englishPlural = new Intl.PluralRules('en-US');

/** `one` for a count of one, else `other`. */
export const plural = (count: number, one: string, other: string): string =>
  englishPlural.select(count) === 'one' ? one : other;
