// The parts of a platform task the cache reads, as a lenient zod schema.
//
// TEMPORARY: the agreed `Task` type lives in `src-main/unpod/schemas.ts`, which another helper
// is writing. Until it lands, this local schema stands in for it. It is deliberately loose:
// unknown fields are kept (`looseObject`), every field except the identity and the status may be
// missing or null, because the platform documents several shapes (see unpod-platform-notes.md).
// The cache only insists on what it cannot work without: an object with an id and a status.
import { z } from 'zod';

const optionalText = z.string().nullish();
const optionalNumber = z.union([z.number(), z.string()]).nullish();

const transcriptEntrySchema = z.looseObject({
  role: optionalText,
  content: z.unknown().optional(),
  message: z.unknown().optional(),
});

const postCallDataSchema = z.looseObject({
  summary: z.looseObject({ status: optionalText, summary: optionalText }).nullish(),
  classification: z.looseObject({ labels: z.array(z.unknown()).nullish(), summary: optionalText }).nullish(),
});

const taskOutputSchema = z.looseObject({
  customer: optionalText,
  contact_number: optionalText,
  recording_url: optionalText,
  transcript: z.array(transcriptEntrySchema).nullish(),
  call_summary: optionalText,
  duration: optionalNumber,
  cost: optionalNumber,
  metadata: z.looseObject({ cost: optionalNumber }).nullish(),
  post_call_data: postCallDataSchema.nullish(),
});

export const cachedTaskSchema = z
  .looseObject({
    _id: optionalText,
    task_id: optionalText,
    space_id: z.union([z.string(), z.number()]).nullish(),
    status: z.string(),
    created: optionalText,
    modified: optionalText,
    assignee: optionalText,
    execution_type: optionalText,
    task: z.looseObject({ objective: optionalText }).nullish(),
    input: z
      .looseObject({
        name: optionalText,
        contact_number: optionalText,
        email: optionalText,
        company_name: optionalText,
        context: optionalText,
      })
      .nullish(),
    output: taskOutputSchema.nullish(),
  })
  .refine((task) => Boolean(task.task_id || task._id), { message: 'The task has neither task_id nor _id.' });

/** A platform task as the cache accepts and returns it (unknown fields preserved). */
export type Task = z.infer<typeof cachedTaskSchema>;
