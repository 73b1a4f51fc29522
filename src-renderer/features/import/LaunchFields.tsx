// Agent, space, what the calls are about, and when: the launch options of an import and of a
// New call. Each field says its own problem beside it.
import { useEffect, useId, useMemo } from 'react';
import { useAgentsStore, useSpacesStore, useWorkspaceStore } from '../../stores/context.ts';
import type { LaunchChoices, LaunchField } from '../../stores/importDraft.ts';
import { agentChoices, agentLabel } from './agentChoices.ts';
import { SchedulePicker } from './SchedulePicker.tsx';

interface LaunchFieldsProps {
  value: LaunchChoices;
  errors: Partial<Record<LaunchField, string>>;
  onChange(patch: Partial<LaunchChoices>): void;
  contextLabel: string;
  contextHint: string;
  timeZone: string;
  now: number;
}

export function LaunchFields({
  value,
  errors,
  onChange,
  contextLabel,
  contextHint,
  timeZone,
  now,
}: LaunchFieldsProps) {
  const ids = { agent: useId(), space: useId(), context: useId() };
  const organization = useWorkspaceStore((s) => s.state?.organization?.domainHandle ?? null);
  const currentSpace = useWorkspaceStore((s) => s.state?.space?.token ?? '');
  const agentNames = useWorkspaceStore((s) => s.state?.agentNames);
  const agents = useAgentsStore((s) => s.items);
  const agentsStatus = useAgentsStore((s) => s.status);
  const loadAgents = useAgentsStore((s) => s.load);
  const listedSpaces = useSpacesStore((s) => s.items);
  const workspaceSpace = useWorkspaceStore((s) => s.state?.space ?? null);
  // Until the spaces load, the space on screen is the one choice (so the select shows it).
  const spaces = listedSpaces.length > 0 || !workspaceSpace ? listedSpaces : [workspaceSpace];
  const choices = useMemo(() => agentChoices(agents, agentNames ?? []), [agents, agentNames]);

  useEffect(() => {
    if (organization) void loadAgents(organization);
  }, [organization, loadAgents]);

  // The space on screen is the first guess; the supervisor can pick another.
  useEffect(() => {
    if (value.spaceToken === '' && currentSpace !== '') onChange({ spaceToken: currentSpace });
  }, [value.spaceToken, currentSpace, onChange]);

  const describe = (field: LaunchField, id: string, hint?: boolean) =>
    [errors[field] ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  const error = (field: LaunchField, id: string) =>
    errors[field] ? (
      <p id={`${id}-error`} className="field__error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <div className="launch">
      <div className="field">
        <label htmlFor={ids.agent}>Agent</label>
        <select
          id={ids.agent}
          value={value.agentHandle}
          aria-invalid={errors.agentHandle ? true : undefined}
          aria-describedby={describe('agentHandle', ids.agent)}
          onChange={(event) => onChange({ agentHandle: event.target.value })}
        >
          <option value="">
            {agentsStatus === 'loading' && agents.length === 0 ? 'Loading agents…' : 'Choose an agent'}
          </option>
          {choices.map((choice) => (
            <option key={choice.handle} value={choice.handle} disabled={choice.unavailable !== null}>
              {agentLabel(choice)}
            </option>
          ))}
        </select>
        {error('agentHandle', ids.agent)}
      </div>
      <div className="field">
        <label htmlFor={ids.space}>Space</label>
        <select
          id={ids.space}
          value={value.spaceToken}
          aria-invalid={errors.spaceToken ? true : undefined}
          aria-describedby={describe('spaceToken', ids.space)}
          onChange={(event) => onChange({ spaceToken: event.target.value })}
        >
          {value.spaceToken === '' && <option value="">Choose a space</option>}
          {spaces.map((space) => (
            <option key={space.token} value={space.token}>
              {space.name}
            </option>
          ))}
        </select>
        {error('spaceToken', ids.space)}
      </div>
      <div className="field launch__wide">
        <label htmlFor={ids.context}>{contextLabel}</label>
        <textarea
          id={ids.context}
          value={value.context}
          maxLength={10_000}
          aria-invalid={errors.context ? true : undefined}
          aria-describedby={describe('context', ids.context, true)}
          onChange={(event) => onChange({ context: event.target.value })}
        />
        {error('context', ids.context)}
        <p id={`${ids.context}-hint`} className="field__hint">
          {contextHint}
        </p>
      </div>
      <div className="launch__wide">
        <SchedulePicker
          value={value.schedule}
          onChange={(schedule) => onChange({ schedule })}
          error={errors.schedule ?? null}
          timeZone={timeZone}
          now={now}
        />
      </div>
    </div>
  );
}
