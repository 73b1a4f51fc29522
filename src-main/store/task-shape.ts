// The task type the cache stores and returns, and the check applied when a task is read back
// from disk. The shape itself is the client's lenient schema (src-main/unpod/schemas.ts: unknown
// fields kept, optional fields nullable, numbers may be strings); the cache adds only what it
// cannot work without: an id.
import { taskSchema, type Task } from '../unpod/schemas.ts';

export type { Task };

const hasId = (task: Task): boolean => Boolean(task.task_id?.trim() || task._id?.trim());

/** Validates a stored task (parsed JSON) before it leaves the cache. */
export const cachedTaskSchema = taskSchema.refine(hasId, {
  message: 'The task has neither task_id nor _id.',
});
