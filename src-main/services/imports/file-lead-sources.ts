// Where the journal's leads come from: a staged lead file read with the settings the user saw in
// the preview (the file-reading side, lead-files-service.ts). Glue between the two halves of the
// import; the settings are checked here as the preview checks them.
import { importPreviewSettingsSchema } from '../../ipc/contract-import-files.ts';
import { AppError } from '../../ipc/errors.ts';
import { getSource } from '../../imports/read/index.ts';
import type { OpenLeadSource } from './imports-service.ts';
import type { LeadFilesService } from './lead-files-service.ts';

export function fileLeadSources(
  files: Pick<LeadFilesService, 'readCheckedLeads' | 'defaultCountry'>,
): OpenLeadSource {
  return async (sourceId, reading) => {
    const source = getSource(sourceId);
    if (!source)
      throw new AppError('not_found', 'This file is no longer available to import. Drop or choose it again.');
    const parsed = importPreviewSettingsSchema.safeParse(reading);
    if (!parsed.success)
      throw new AppError('invalid_input', `The reading settings cannot be used: ${parsed.error.message}`);
    const { encoding, delimiter, mapping, windowDays } = parsed.data;
    const country = parsed.data.country ?? (await files.defaultCountry()).country;
    return {
      name: source.name,
      leads: files.readCheckedLeads(sourceId, {
        country,
        windowDays,
        ...(encoding ? { encoding } : {}),
        ...(delimiter ? { delimiter } : {}),
        ...(mapping ? { mapping } : {}),
      }),
    };
  };
}
