// How main announces an event to the window: each host passes its own (webContents.send or SSE).
import type { EventName, EventPayload } from '../ipc/contract.ts';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
