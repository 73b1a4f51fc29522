// A staged lead file (the file-reading side, imports-service.ts) → the checked leads the journal
// takes: read with the settings the user saw in the preview, the profile's default country when
// the start does not name one, and the open space's recent calls marked as duplicates.
import type { ImportPreviewSettings } from '../../ipc/contract-import-files.ts';
import { AppError } from '../../ipc/errors.ts';
import { getSource } from '../../imports/read/source-registry.ts';
import type { ImportsService } from './imports-service.ts';
import type { OpenLeadSource } from './send-service.ts';

export function leadSourcesFrom(
  files: Pick<ImportsService, 'readCheckedLeads' | 'defaultCountry'>,
): OpenLeadSource {
  return async (sourceId, reading: ImportPreviewSettings) => {
    const source = getSource(sourceId);
    if (source === undefined) {
      throw new AppError('not_found', 'This file is no longer available to import. Drop or choose it again.');
    }
    const country = reading.country ?? (await files.defaultCountry()).country;
    return {
      name: source.name,
      leads: files.readCheckedLeads(sourceId, {
        ...(reading.encoding ? { encoding: reading.encoding } : {}),
        ...(reading.delimiter ? { delimiter: reading.delimiter } : {}),
        ...(reading.mapping ? { mapping: reading.mapping } : {}),
        country,
        ...(reading.windowDays !== undefined ? { windowDays: reading.windowDays } : {}),
      }),
    };
  };
}
