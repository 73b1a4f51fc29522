// Fans main→renderer events out to every open Server-Sent Events stream of the web host.
import type { EventName, EventPayload } from '../ipc/contract.ts';

export type EventWriter = (chunk: string) => void;

export interface EventHub {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Registers a stream; returns the function that removes it. */
  attach(write: EventWriter): () => void;
  readonly size: number;
}

/** One SSE message. JSON.stringify never emits raw newlines, so `data:` is a single line. */
export function formatSseEvent(event: string, payload: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
}

export function createEventHub(): EventHub {
  const writers = new Set<EventWriter>();
  return {
    emit(event, payload) {
      const chunk = formatSseEvent(event, payload);
      for (const write of writers) {
        try {
          write(chunk);
        } catch {
          writers.delete(write); // a stream that broke mid-write is gone
        }
      }
    },
    attach(write) {
      writers.add(write);
      return () => writers.delete(write);
    },
    get size() {
      return writers.size;
    },
  };
}
