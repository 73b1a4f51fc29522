// Now, auto, or a local date and time in the future, shown with the zone it is read in.
import { useId } from 'react';
import { describeTimeZone, instantToLocal, type ScheduleChoice } from './schedule.ts';

interface SchedulePickerProps {
  value: ScheduleChoice;
  onChange(value: ScheduleChoice): void;
  /** The message of a custom time that cannot be used (past, not a time). */
  error: string | null;
  timeZone: string;
  now: number;
}

export function SchedulePicker({ value, onChange, error, timeZone, now }: SchedulePickerProps) {
  const name = useId();
  const inputId = useId();
  const zoneId = useId();
  const errorId = useId();
  const custom = value.kind === 'custom' ? value.local : '';
  return (
    <fieldset className="schedule">
      <legend>When to call</legend>
      <label className="choice">
        <input
          type="radio"
          name={name}
          checked={value.kind === 'now'}
          onChange={() => onChange({ kind: 'now' })}
        />
        Now
      </label>
      <label className="choice">
        <input
          type="radio"
          name={name}
          checked={value.kind === 'auto'}
          onChange={() => onChange({ kind: 'auto' })}
        />
        Auto (the agent&apos;s calling hours)
      </label>
      <label className="choice">
        <input
          type="radio"
          name={name}
          checked={value.kind === 'custom'}
          onChange={() => onChange({ kind: 'custom', local: custom })}
        />
        At a date and time
      </label>
      {value.kind === 'custom' && (
        <div className="field schedule__custom">
          <label htmlFor={inputId}>Date and time</label>
          <input
            id={inputId}
            type="datetime-local"
            value={custom}
            min={instantToLocal(now)}
            aria-invalid={error ? true : undefined}
            aria-describedby={[error ? errorId : null, zoneId].filter(Boolean).join(' ')}
            onChange={(event) => onChange({ kind: 'custom', local: event.target.value })}
          />
          {error && (
            <p id={errorId} className="field__error">
              {error}
            </p>
          )}
          <p id={zoneId} className="field__hint">
            Time zone: {describeTimeZone(timeZone, now)}
          </p>
        </div>
      )}
    </fieldset>
  );
}
