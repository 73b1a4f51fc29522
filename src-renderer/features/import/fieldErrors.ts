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

/** The error's messages per field; what fits no field stays in `rest` (shown above the form). */
export function fieldErrors(error: IpcError): {
  byField: Partial<Record<CallField, string>>;
  rest: string | null;
} {
  const byField: Partial<Record<CallField, string>> = {};
  const details = error.details;
  const items: unknown[] = Array.isArray(details) ? details : isRecord(details) ? [details] : [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    const message = typeof item.message === 'string' ? item.message : error.message;
    const field = Array.isArray(item.path) ? fieldOfPath(item.path) : fieldOfName(item.field);
    if (field && !byField[field]) byField[field] = message;
  }
  return { byField, rest: Object.keys(byField).length > 0 ? null : error.message };
}

/** The messages left once the user changed these fields (each change clears its own message). */
export function withoutKeys<K extends string>(
  errors: Partial<Record<K, string>>,
  changed: readonly string[],
): Partial<Record<K, string>> {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => !changed.includes(key))) as Partial<
    Record<K, string>
  >;
}
