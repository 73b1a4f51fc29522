// What the list says about the search itself, beside the count: that a search filtered nothing
// (no letters or digits in it, or only one character so far), that it was cut at the length
// limit, or that main refused it. Without this, "%%" would silently show every task.
import type { IpcError } from '../../../src-main/ipc/contract.ts';
import { SEARCH_MAX_LENGTH } from '../../../src-main/shared/search-limits.ts';
import type { SearchKind } from '../../stores/tasks.ts';

/** The note's element id: the search box is described by it. */
export const SEARCH_NOTE_ID = 'task-search-note';

/** The search as quoted back to the user: a long paste is shortened. */
function quoted(search: string): string {
  const text = search.trim();
  return `“${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;
}

export interface SearchNoteInput {
  search: string;
  searchKind: SearchKind | null;
  /** Filters other than the search narrow the list. */
  otherFilters: boolean;
  error: IpcError | null;
  /** Tasks the search cannot find yet: main's search index is still catching up. */
  notYetSearchable?: number;
}

export function searchNote({
  search,
  searchKind,
  otherFilters,
  error,
  notYetSearchable = 0,
}: SearchNoteInput): string | null {
  const all = otherFilters ? 'showing all tasks that match the other filters' : 'showing all tasks';
  if (error?.code === 'invalid_input') {
    // Main's own words otherwise (no control of this page can send other invalid filters).
    return search.length > SEARCH_MAX_LENGTH
      ? `This search is ${search.length.toLocaleString()} characters long; a search can have at most ${SEARCH_MAX_LENGTH}. Shorten it to see the tasks.`
      : error.message;
  }
  if (search.length >= SEARCH_MAX_LENGTH) {
    return `A search can have at most ${SEARCH_MAX_LENGTH} characters: the rest was cut off.`;
  }
  if (searchKind === 'no_words') {
    return `No searchable words in ${quoted(search)}, so the search is ignored: ${all}.`;
  }
  if (searchKind === 'too_short') {
    return `Type at least 2 letters or digits to search: ${all}.`;
  }
  if (searchKind === 'words' && notYetSearchable > 0) {
    const tasks = notYetSearchable === 1 ? 'task' : 'tasks';
    return `Search index catching up: ${notYetSearchable.toLocaleString()} ${tasks} not yet searchable.`;
  }
  return null;
}
