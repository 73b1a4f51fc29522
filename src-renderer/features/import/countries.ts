// The default country's choices: every country libphonenumber-js knows, by its name in the
// user's language, with its calling code ("India (+91)"), so a supervisor finds it by name.
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

export interface CountryOption {
  code: string;
  label: string;
}

export function countryOptions(locale?: string): CountryOption[] {
  const names = new Intl.DisplayNames(locale, { type: 'region' });
  return getCountries()
    .map((code) => ({ code, label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})` }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** The first guess: the region of the user's locale ("en-IN" → IN), else US. */
export function guessCountry(language: string | undefined, known: readonly string[]): string {
  try {
    const region = language ? new Intl.Locale(language).maximize().region : undefined;
    if (region && known.includes(region)) return region;
  } catch {
    // A malformed locale tag: fall through to the default.
  }
  return 'US';
}
