// One choice per column of the file: which document field its cells go to, or kept as an extra
// field, or not imported. Each select is named by its column's header, so a screen reader says
// "Phone, Phone number".
import { useId } from 'react';
import type { ColumnTarget } from '../../../src-main/imports/read/settings.ts';
import { targetLabels, targetOrder } from './fieldLabels.ts';

interface ColumnMappingProps {
  headers: string[];
  mapping: ColumnTarget[];
  onChange(index: number, target: ColumnTarget): void;
}

export function ColumnMapping({ headers, mapping, onChange }: ColumnMappingProps) {
  const prefix = useId();
  return (
    <fieldset className="mapping">
      <legend>Columns</legend>
      {headers.map((header, index) => {
        const id = `${prefix}-${index}`;
        const label = header.trim() === '' ? `Column ${index + 1} (no header)` : header;
        return (
          <div className="field" key={id}>
            <label htmlFor={id}>{label}</label>
            <select
              id={id}
              value={mapping[index] ?? 'ignore'}
              onChange={(event) => onChange(index, event.target.value as ColumnTarget)}
            >
              {targetOrder.map((target) => (
                <option key={target} value={target}>
                  {targetLabels[target]}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
