// Messages between readCheckedLeads (main thread) and the read worker. What comes back from the
// worker is checked with zod before the main thread uses it.
import { z } from 'zod';
import { checkedLeadSchema } from '../checked-lead.ts';
import { fileLayoutSchema, fileProblemSchema, type ParsedReadSettings } from './settings.ts';

export interface ReadWorkerData {
  path: string;
  settings: ParsedReadSettings;
  /** `layout`: stop after the header (the preview's first answer); `rows`: read every row. */
  mode: 'layout' | 'rows';
}

/** main → worker: the consumer took a batch, so the worker may read on (bounded memory). */
export type ReadWorkerCommand = { type: 'pull' };

export const readWorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('layout'),
    layout: fileLayoutSchema,
    notices: z.array(z.string()),
  }),
  z.object({ type: z.literal('batch'), leads: z.array(checkedLeadSchema) }),
  z.object({ type: z.literal('problem'), problem: fileProblemSchema }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('done') }),
]);
export type ReadWorkerMessage = z.infer<typeof readWorkerMessageSchema>;

/** Batches the worker may send ahead of the consumer. */
export const READ_AHEAD_BATCHES = 8;
/**
 * Leads per batch at most: small enough that receiving and checking one batch takes the main
 * thread only a few milliseconds (it checks each batch with zod).
 */
export const MAX_BATCH_LEADS = 250;
