// A desktop notification when an import ends, so a supervisor on another app hears of it. The
// words come from services/imports/finished-notice.ts; this only shows them.
import { Notification } from 'electron';
import type { EventName, EventPayload } from '../ipc/contract.ts';
import type { ImportSummary } from '../ipc/contract-imports.ts';
import { importFinishedNotice } from '../services/imports/finished-notice.ts';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** The window's event sender, plus a notification for every `imports.finished`. */
export function withImportNotifications(emit: Emit): Emit {
  return (event, payload) => {
    emit(event, payload);
    if (event === 'imports.finished' && Notification.isSupported()) {
      new Notification(importFinishedNotice(payload as ImportSummary)).show();
    }
  };
}
