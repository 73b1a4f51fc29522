// How the file is read: encoding and delimiter (detected, or the user's), the default country of
// numbers without a +country code, and what happens to duplicates.
import { useId, useMemo } from 'react';
import type { ImportPreview } from '../../stores/importReading.ts';
import type { ReadingChoices } from '../../stores/importDraft.ts';
import { countryOptions } from './countries.ts';
import { delimiterLabels, delimiterOrder, encodingLabels, encodingOrder } from './fieldLabels.ts';

interface ReadingSettingsProps {
  reading: ReadingChoices;
  layout: ImportPreview['layout'];
  /** The country main read the numbers for (the profile's, when the user chose none). */
  country: string | null;
  onChange(patch: Partial<ReadingChoices>): void;
}

export function ReadingSettings({ reading, layout, country, onChange }: ReadingSettingsProps) {
  const ids = { encoding: useId(), delimiter: useId(), country: useId(), duplicates: useId(), days: useId() };
  const countries = useMemo(() => countryOptions(), []);
  const detectedEncoding =
    layout && layout.encodingSource !== 'user' ? encodingLabels[layout.encoding] : null;
  const detectedDelimiter =
    layout && layout.delimiterSource !== 'user' ? delimiterLabels[layout.delimiter] : null;
  return (
    <div className="import-settings">
      <div className="field">
        <label htmlFor={ids.encoding}>Encoding</label>
        <select
          id={ids.encoding}
          value={reading.encoding ?? ''}
          onChange={(event) =>
            onChange({
              encoding: event.target.value === '' ? null : (event.target.value as ReadingChoices['encoding']),
            })
          }
        >
          <option value="">{detectedEncoding ? `Detected: ${detectedEncoding}` : 'Detect'}</option>
          {encodingOrder.map((name) => (
            <option key={name} value={name}>
              {encodingLabels[name]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.delimiter}>Delimiter</label>
        <select
          id={ids.delimiter}
          value={reading.delimiter ?? ''}
          onChange={(event) =>
            onChange({
              delimiter:
                event.target.value === '' ? null : (event.target.value as ReadingChoices['delimiter']),
            })
          }
        >
          <option value="">{detectedDelimiter ? `Detected: ${detectedDelimiter}` : 'Detect'}</option>
          {delimiterOrder.map((char) => (
            <option key={char} value={char}>
              {delimiterLabels[char]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.country}>Default country</label>
        <select
          id={ids.country}
          value={reading.country ?? country ?? ''}
          onChange={(event) => onChange({ country: event.target.value || null })}
        >
          {(reading.country ?? country) === null && <option value="">Reading the file…</option>}
          {countries.map(({ code, label }) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.duplicates}>Duplicates</label>
        <select
          id={ids.duplicates}
          value={reading.duplicates}
          onChange={(event) => onChange({ duplicates: event.target.value === 'keep' ? 'keep' : 'skip' })}
        >
          <option value="skip">Skip duplicates</option>
          <option value="keep">Call duplicates too</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.days}>Called in the last (days)</label>
        <input
          id={ids.days}
          type="number"
          min={0}
          max={365}
          step={1}
          value={reading.windowDays}
          aria-describedby={`${ids.days}-hint`}
          onChange={(event) => {
            const days = Math.round(Number(event.target.value));
            if (Number.isFinite(days)) onChange({ windowDays: Math.min(365, Math.max(0, days)) });
          }}
        />
        <p id={`${ids.days}-hint`} className="field__hint">
          A number called in this space within these days is a duplicate (0: not checked).
        </p>
      </div>
    </div>
  );
}
