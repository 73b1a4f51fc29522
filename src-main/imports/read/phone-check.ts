// A phone number cell → E.164, or the reason it cannot be called. libphonenumber-js with its full
// metadata ("max"): it knows each country's number patterns, not only their lengths, so a number
// no operator could have issued is caught here rather than by a failed call. The reasons name the
// spreadsheet mistakes that cause most bad numbers: scientific notation (digits already lost),
// extensions (an AI call cannot dial them), a missing country code.
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/max';

export type PhoneCheck = { ok: true; e164: string } | { ok: false; code: PhoneProblemCode; message: string };

export type PhoneProblemCode =
  | 'phone_missing'
  | 'phone_scientific'
  | 'phone_extension'
  | 'phone_letters'
  | 'phone_too_short'
  | 'phone_too_long'
  | 'phone_country'
  | 'phone_invalid';

// 4.47E+11, 4,47E+11 (a comma-decimal locale), 9.87654E9.
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?\s*[eE]\s*[+-]?\d+$/;
// "ext 22", "ext. 22", "x22", "#22", "extension 22", "Durchwahl 22", "poste 22", "anexo 22".
const EXTENSION = /(?:\bext(?:ension)?\.?|\bx|#|\bdurchwahl|\bposte|\banexo|\bramal)\s*:?\s*(\d{1,7})\s*$/i;
// What may appear in a written number besides digits: + ( ) - . / spaces (also non-breaking).
const NUMBER_PUNCTUATION = /^[\d\s+().\-/\u00a0\u2010-\u2015]+$/;

export function isSupportedCountryCode(country: string): country is CountryCode {
  return isSupportedCountry(country);
}

/**
 * Checks one number. `column` names the cell in messages; `country` is where numbers written
 * without +country code are from.
 */
export function checkPhone(raw: string, country: CountryCode, column: string): PhoneCheck {
  const value = raw.trim();
  if (value === '') {
    return { ok: false, code: 'phone_missing', message: `No phone number in “${column}”.` };
  }
  if (SCIENTIFIC.test(value)) {
    return {
      ok: false,
      code: 'phone_scientific',
      message: `“${value}” is a number a spreadsheet turned into scientific notation, which loses its last digits: format the column as Text, type the number again, and export the file again.`,
    };
  }
  const extension = EXTENSION.exec(value);
  if (extension) {
    return {
      ok: false,
      code: 'phone_extension',
      message: `“${value}” has an extension (${extension[1]}), which a call cannot dial: give the direct number without it.`,
    };
  }
  if (!NUMBER_PUNCTUATION.test(value)) {
    return {
      ok: false,
      code: 'phone_letters',
      message: `“${value}” is not a phone number: it holds characters other than digits, spaces and + ( ) - . /`,
    };
  }
  // 00 is the international prefix in most of the world: 0044… is +44….
  const written = value.replace(/^\s*00(?=[1-9])/, '+');
  // The common case first (a valid number: one parse); the reasons cost a second look.
  try {
    const parsed = parsePhoneNumberWithError(written, country);
    if (parsed.isValid()) return { ok: true, e164: parsed.number };
  } catch {
    // the reasons below say why
  }
  const where = written.startsWith('+') ? '' : ` in ${countryName(country)}`;
  const length = validatePhoneNumberLength(written, country);
  if (length === 'TOO_SHORT' || length === 'NOT_A_NUMBER') {
    return {
      ok: false,
      code: 'phone_too_short',
      message: `“${value}” is too short for a phone number${where}.`,
    };
  }
  if (length === 'TOO_LONG') {
    return {
      ok: false,
      code: 'phone_too_long',
      message: `“${value}” is too long for a phone number${where}: check for digits typed twice or two numbers in one cell.`,
    };
  }
  if (length === 'INVALID_COUNTRY') {
    return {
      ok: false,
      code: 'phone_country',
      message: `“${value}” starts with a country code that does not exist.`,
    };
  }
  return {
    ok: false,
    code: 'phone_invalid',
    message: written.startsWith('+')
      ? `“${value}” is not a possible phone number.`
      : `“${value}” is not a possible phone number in ${countryName(country)} (+${getCountryCallingCode(country)}): if it is from another country, write it with + and its country code.`,
  };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
export function countryName(country: string): string {
  return regionNames.of(country) ?? country;
}
