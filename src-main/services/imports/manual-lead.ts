// "New call": one lead typed by hand → the checked lead the journal takes, with the phone rules of
// a file's rows (E.164 through libphonenumber-js, a default country for national numbers, specific
// messages for what people type wrong).
import type { ManualLead } from '../../ipc/contract-imports.ts';
import type { CheckedLead, LeadDocument } from '../../imports/checked-lead.ts';
import { checkPhone, isSupportedCountryCode } from '../../imports/read/phone-check.ts';
import { AppError } from '../../ipc/errors.ts';

/** The number in E.164, or an AppError with the file rows' message for what is wrong with it. */
export function toE164(raw: string, defaultCountry: string | undefined, column: string): string {
  const country =
    defaultCountry !== undefined && isSupportedCountryCode(defaultCountry) ? defaultCountry : 'US';
  // Without a default country, only numbers written with +country code can be read: say so.
  if (defaultCountry === undefined && !raw.trim().startsWith('+')) {
    const checked = checkPhone(raw, country, column);
    // What is wrong whatever the country (empty, scientific notation, an extension, letters) is
    // said as such; anything else may only be the missing country code.
    const anyCountry = ['phone_missing', 'phone_scientific', 'phone_extension', 'phone_letters'];
    if (checked.ok || !anyCountry.includes(checked.code)) {
      throw new AppError(
        'bad_request',
        `Write the ${column} with its country code (e.g. +44…), or choose the default country.`,
      );
    }
    throw new AppError('bad_request', checked.message);
  }
  const checked = checkPhone(raw, country, column);
  if (!checked.ok) throw new AppError('bad_request', checked.message);
  return checked.e164;
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
    contact_number: toE164(lead.contactNumber, defaultCountry, 'Number'),
  };
  if (lead.alternateNumber)
    document.alternate_number = toE164(lead.alternateNumber, defaultCountry, 'Alternate number');
  if (lead.email) document.email = lead.email;
  if (lead.companyName) document.company_name = lead.companyName;
  if (lead.occupation) document.occupation = lead.occupation;
  if (lead.address) document.address = lead.address;
  if (lead.about) document.about = lead.about;
  if (lead.context) document.context = lead.context;
  if (lead.labels && lead.labels.length > 0) document.labels = lead.labels;
  return { row: 1, cells: {}, document, problems: [], duplicate: null };
}
