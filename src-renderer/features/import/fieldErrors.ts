// Puts a refused New call's problems beside the fields they concern. Main answers with the
// contract's error: `invalid_input` carries the zod issues' paths (lead.contactNumber,
// launch.schedule.date), a service's refusal may carry `{ field }` in its details.
import type { IpcError } from '../../../src-main/ipc/contract.ts';

export type CallField =
  | 'name'
  | 'contactNumber'
  | 'alternateNumber'
  | 'email'
  | 'companyName'
  | 'occupation'
  | 'address'
  | 'about'
  | 'agentHandle'
  | 'spaceToken'
  | 'context'
  | 'schedule';

const callFields: readonly string[] = [
  'name',
  'contactNumber',
  'alternateNumber',
  'email',
  'companyName',
  'occupation',
  'address',
  'about',
  'agentHandle',
  'spaceToken',
  'context',
  'schedule',
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The field a path points at: lead.x → x, launch.x(.y) → x; null when none of ours. */
function fieldOfPath(path: readonly unknown[]): CallField | null {
  const [area, field] = path;
  if ((area === 'lead' || area === 'launch') && typeof field === 'string' && callFields.includes(field))
    return field as CallField;
  // A lead's own context has no field of its own here; the form shows the launch context.
  return null;
}

function fieldOfName(name: unknown): CallField | null {
  if (typeof name !== 'string') return null;
  const last = name.split('.').pop() ?? '';
  const snake: Record<string, CallField> = {
    contact_number: 'contactNumber',
    alternate_number: 'alternateNumber',
    company_name: 'companyName',
    agent: 'agentHandle',
    agent_handle: 'agentHandle',
    space: 'spaceToken',
  };
  if (callFields.includes(last)) return last as CallField;
  return snake[last] ?? null;
}

/**
 * The error's messages per field; what fits no field stays in `rest` (shown above the form).
 * `typed`: what the user typed per field, for a message that quotes the value it refuses
 * (“12” is too short for a phone number).
 */
export function fieldErrors(
  error: IpcError,
  typed: Partial<Record<CallField, string>> = {},
): { byField: Partial<Record<CallField, string>>; rest: string | null } {
  const byField: Partial<Record<CallField, string>> = {};
  const details = error.details;
  const items: unknown[] = Array.isArray(details) ? details : isRecord(details) ? [details] : [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    const message = typeof item.message === 'string' ? item.message : error.message;
    const field = Array.isArray(item.path) ? fieldOfPath(item.path) : fieldOfName(item.field);
    if (field && !byField[field]) byField[field] = message;
  }
  if (Object.keys(byField).length === 0 && (error.code === 'bad_request' || error.code === 'business')) {
    const quoted = (Object.entries(typed) as [CallField, string][]).find(
      ([, value]) =>
        value.trim() !== '' &&
        (error.message.includes(`“${value.trim()}”`) || error.message.includes(`"${value.trim()}"`)),
    )?.[0];
    const field = quoted ?? messageFields.find(([pattern]) => pattern.test(error.message))?.[1];
    if (field) byField[field] = error.message;
  }
  return { byField, rest: Object.keys(byField).length > 0 ? null : error.message };
}

// The New call's service refuses a number, an email, a time or an agent with a sentence and no
// field; its first words say which field it is about.
const messageFields: [RegExp, CallField][] = [
  [/^The alternate number\b|\bthe Alternate number\b|“Alternate number”/i, 'alternateNumber'],
  [/^The number\b|\bthe Number\b|“Number”/, 'contactNumber'],
  [/^The email\b/, 'email'],
  [/^The calls? (is|are) set for\b|\bdoes not exist in\b/, 'schedule'],
  [/\bagent\b/i, 'agentHandle'],
];

/** The messages left once the user changed these fields (each change clears its own message). */
export function withoutKeys<K extends string>(
  errors: Partial<Record<K, string>>,
  changed: readonly string[],
): Partial<Record<K, string>> {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => !changed.includes(key))) as Partial<
    Record<K, string>
  >;
}
