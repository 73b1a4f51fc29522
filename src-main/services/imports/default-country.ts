// The country a profile's lead files are read for (numbers written without +country code): the
// one the user last chose in an import preview, kept in the profile's own data folder beside its
// other files (import-settings.json; the demo's under <dataDir>/demo), else a guess from the
// system's locale. Read back through zod; anything unreadable is "nothing chosen yet".
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { countrySchema } from '../../imports/read/settings.ts';
import { isSupportedCountryCode } from '../../imports/read/phone-check.ts';
import { writeJsonFile } from '../write-json-file.ts';

export const IMPORT_SETTINGS_FILE_NAME = 'import-settings.json';

const fileSchema = z.object({ version: z.literal(1), country: countrySchema });

/** The region of a locale such as "en-IN" (likely subtags added: "hi" → IN), when phone numbers know it. */
export function countryFromLocale(locale: string): string | null {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region && isSupportedCountryCode(region) ? region : null;
  } catch {
    return null;
  }
}

export function systemCountry(): string {
  const locale = Intl.DateTimeFormat().resolvedOptions().locale;
  return countryFromLocale(locale) ?? 'US';
}

export async function readProfileCountry(dir: string): Promise<string | null> {
  try {
    const parsed = fileSchema.safeParse(
      JSON.parse(await readFile(join(dir, IMPORT_SETTINGS_FILE_NAME), 'utf8')),
    );
    return parsed.success && isSupportedCountryCode(parsed.data.country) ? parsed.data.country : null;
  } catch {
    return null;
  }
}

export async function writeProfileCountry(dir: string, country: string): Promise<void> {
  await writeJsonFile(join(dir, IMPORT_SETTINGS_FILE_NAME), fileSchema.parse({ version: 1, country }));
}
