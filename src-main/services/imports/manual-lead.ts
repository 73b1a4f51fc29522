// "New call": one lead typed by hand → the checked lead the journal takes, with the phone rules of
// a file's rows (E.164 through libphonenumber-js, a default country for national numbers, specific
// messages for what people type wrong).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { ManualLead } from '../../ipc/contract-imports.ts';
import type { CheckedLead, LeadDocument } from '../../imports/checked-lead.ts';
import { AppError } from '../../ipc/errors.ts';

/** The number in E.164, or an AppError saying what is wrong with it (`what`: "number", …). */
export function toE164(raw: string, defaultCountry: string | undefined, what: string): string {
  const text = raw.trim();
  if (/^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(text)) {
    throw new AppError(
      'bad_request',
      `The ${what} "${text}" looks like a spreadsheet turned it into scientific notation; type all its digits.`,
    );
  }
  if (/(ext\.?|x|#)\s*\d+$/i.test(text)) {
    throw new AppError(
      'bad_request',
      `The ${what} "${text}" has an extension; a call can only dial the number itself.`,
    );
  }
  const parsed = parsePhoneNumberFromString(text, defaultCountry as CountryCode | undefined);
  if (parsed === undefined || !parsed.isValid()) {
    const hint =
      !text.startsWith('+') && defaultCountry === undefined
        ? ' Write it with its country code (e.g. +44…) or choose a default country.'
        : ' Check its digits and country code.';
    throw new AppError(
      'bad_request',
      `The ${what} "${text}" is not a phone number that can be called.${hint}`,
    );
  }
  return parsed.number;
}

export function manualCheckedLead(lead: ManualLead, defaultCountry: string | undefined): CheckedLead {
  if (lead.email !== undefined && lead.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(lead.email)) {
    throw new AppError(
      'bad_request',
      `The email "${lead.email}" is not an email address (name@example.com).`,
    );
  }
  const document: LeadDocument = {
    name: lead.name,
    contact_number: toE164(lead.contactNumber, defaultCountry, 'number'),
  };
  if (lead.alternateNumber)
    document.alternate_number = toE164(lead.alternateNumber, defaultCountry, 'alternate number');
  if (lead.email) document.email = lead.email;
  if (lead.companyName) document.company_name = lead.companyName;
  if (lead.occupation) document.occupation = lead.occupation;
  if (lead.address) document.address = lead.address;
  if (lead.about) document.about = lead.about;
  if (lead.context) document.context = lead.context;
  if (lead.labels && lead.labels.length > 0) document.labels = lead.labels;
  return { row: 1, cells: {}, document, problems: [], duplicate: null };
}
