// "New call": one lead typed by hand (name, number, optional fields), the agent and when, sent
// through the same journal as an import (so it is created exactly once too). Problems show beside
// their fields: the required ones checked here, the number and the rest by main.
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Dialog } from '../auth/Dialog.tsx';
import { DialogFormActions } from '../auth/DialogFormActions.tsx';
import { FormError } from '../auth/FormError.tsx';
import { TextField } from '../auth/TextField.tsx';
import { describeError } from '../../lib/describeError.ts';
import { useImportDraftStore, useImportsStore } from '../../stores/context.ts';
import type { LaunchChoices } from '../../stores/importDraft.ts';
import { useNow } from '../tasks/useNow.ts';
import { countryOptions, guessCountry } from './countries.ts';
import { fieldErrors, withoutKeys, type CallField } from './fieldErrors.ts';
import { LaunchFields } from './LaunchFields.tsx';
import { checkSchedule } from './schedule.ts';
import { localTimeZone } from '../../../src-main/shared/iso-time.ts';
import './import.css';

interface LeadFields {
  name: string;
  contactNumber: string;
  alternateNumber: string;
  email: string;
  companyName: string;
  occupation: string;
  address: string;
  about: string;
}

const emptyLead: LeadFields = {
  name: '',
  contactNumber: '',
  alternateNumber: '',
  email: '',
  companyName: '',
  occupation: '',
  address: '',
  about: '',
};

const optionalFields: { key: keyof LeadFields; label: string; type?: string }[] = [
  { key: 'alternateNumber', label: 'Alternate number', type: 'tel' },
  { key: 'email', label: 'Email', type: 'email' },
  { key: 'companyName', label: 'Company' },
  { key: 'occupation', label: 'Occupation' },
  { key: 'address', label: 'Address' },
  { key: 'about', label: 'About' },
];

export function NewCallDialog({ onClose, onCreated }: { onClose(): void; onCreated(message: string): void }) {
  const createCall = useImportsStore((s) => s.createCall);
  // The import's country (the profile's, remembered by main), else the locale's guess.
  const defaultCountry = useImportDraftStore((s) => s.reading.country ?? s.preview?.country ?? null);
  const importLaunch = useImportDraftStore((s) => s.launch);
  const [lead, setLead] = useState<LeadFields>(emptyLead);
  const countries = useMemo(() => countryOptions(), []);
  const [country, setCountry] = useState(
    () =>
      defaultCountry ??
      guessCountry(
        navigator.language,
        countries.map((c) => c.code),
      ),
  );
  const [launch, setLaunchState] = useState<LaunchChoices>({
    ...importLaunch,
    context: '',
    schedule: { kind: 'now' },
  });
  const [errors, setErrors] = useState<Partial<Record<CallField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);
  const ids = { form: useId(), title: useId(), country: useId() };
  const now = useNow(30_000);
  const timeZone = useMemo(() => localTimeZone(), []);

  const setLaunch = useCallback((patch: Partial<LaunchChoices>) => {
    setLaunchState((before) => ({ ...before, ...patch }));
    setErrors((before) => withoutKeys(before, Object.keys(patch)));
  }, []);

  function setField(key: keyof LeadFields, value: string) {
    setLead((before) => ({ ...before, [key]: value }));
    setErrors((before) => ({ ...before, [key]: undefined }));
  }

  // After a refused submit, the first field with a problem takes focus once it shows as invalid.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest === 0) return;
    document.querySelector<HTMLElement>(`[id="${ids.form}"] [aria-invalid="true"]`)?.focus();
  }, [focusRequest, ids.form]);

  function focusFirstError(found: Partial<Record<CallField, string>>) {
    if (Object.keys(found).length === 0) return;
    // A problem in a folded-away field unfolds it, or it could not be seen or focused.
    if (optionalFields.some(({ key }) => found[key])) setMoreOpen(true);
    setFocusRequest((n) => n + 1);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<CallField, string>> = {};
    if (!lead.name.trim()) found.name = 'Enter the name of the person to call.';
    if (!lead.contactNumber.trim()) found.contactNumber = 'Enter the number to call.';
    if (!launch.agentHandle) found.agentHandle = 'Choose the agent that makes the call.';
    if (!launch.spaceToken) found.spaceToken = 'Choose the space the call goes into.';
    if (!launch.context.trim()) found.context = 'Write what the call is about.';
    const schedule = checkSchedule(launch.schedule, Date.now(), timeZone);
    if (!schedule.ok) found.schedule = schedule.message;
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0 || !schedule.ok) {
      focusFirstError(found);
      return;
    }
    const optional = Object.fromEntries(
      optionalFields.map(({ key }) => [key, lead[key].trim()]).filter(([, value]) => value !== ''),
    );
    setBusy(true);
    const result = await createCall({
      lead: { name: lead.name.trim(), contactNumber: lead.contactNumber.trim(), ...optional },
      defaultCountry: country,
      launch: {
        agentHandle: launch.agentHandle,
        spaceToken: launch.spaceToken,
        context: launch.context.trim(),
        schedule: schedule.schedule,
      },
    });
    setBusy(false);
    if (result.ok) {
      onCreated(`Call to ${lead.name.trim()} sent: it shows in the task list once Unpod has it.`);
      return;
    }
    const { byField, rest } = fieldErrors(result.error, {
      contactNumber: lead.contactNumber,
      alternateNumber: lead.alternateNumber,
      email: lead.email,
    });
    setErrors(byField);
    if (rest !== null) {
      const { message, hint } = describeError(result.error);
      setFormError(hint ? `${message} ${hint}` : message);
    }
    focusFirstError(byField);
  }

  return (
    <Dialog title="New call" titleId={ids.title} onClose={onClose} busy={busy}>
      <form id={ids.form} className="new-call" aria-labelledby={ids.title} noValidate onSubmit={submit}>
        {formError && <FormError title="The call was not created">{formError}</FormError>}
        <TextField
          id={`${ids.form}-name`}
          label="Name"
          type="text"
          value={lead.name}
          onChange={(value) => setField('name', value)}
          error={errors.name}
          autoComplete="off"
          autoFocus
        />
        <TextField
          id={`${ids.form}-number`}
          label="Phone number"
          type="tel"
          value={lead.contactNumber}
          onChange={(value) => setField('contactNumber', value)}
          error={errors.contactNumber}
          hint="With its country code (+91 98765 43210), or as dialled in the default country."
          autoComplete="off"
        />
        <div className="field">
          <label htmlFor={ids.country}>Default country</label>
          <select id={ids.country} value={country} onChange={(event) => setCountry(event.target.value)}>
            {countries.map(({ code, label }) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <details
          className="new-call__more"
          open={moreOpen}
          onToggle={(event) => setMoreOpen(event.currentTarget.open)}
        >
          <summary>More about this person (optional)</summary>
          {optionalFields.map(({ key, label, type }) => (
            <TextField
              key={key}
              id={`${ids.form}-${key}`}
              label={label}
              type={type ?? 'text'}
              value={lead[key]}
              onChange={(value) => setField(key, value)}
              error={errors[key]}
              autoComplete="off"
            />
          ))}
        </details>
        <LaunchFields
          value={launch}
          errors={errors}
          onChange={setLaunch}
          contextLabel="What the call is about"
          contextHint="The agent reads this before the call: the offer, the reason, what to ask."
          timeZone={timeZone}
          now={now}
        />
        <DialogFormActions
          busy={busy}
          submitLabel={busy ? 'Creating…' : 'Create call'}
          submitVariant="primary"
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
