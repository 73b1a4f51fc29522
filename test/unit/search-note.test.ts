// The note beside the task count about the search itself: here, what it says while main's
// full-text index is still catching up after a sync.
import { describe, expect, it } from 'vitest';
import { searchNote } from '../../src-renderer/features/tasks/searchNote.ts';

const base = { search: 'smith', searchKind: 'words' as const, otherFilters: false, error: null };

describe('the search note', () => {
  it('says how many tasks a search cannot find yet while the index catches up', () => {
    expect(searchNote({ ...base, notYetSearchable: 1234 })).toBe(
      `Search index catching up: ${(1234).toLocaleString()} tasks not yet searchable.`,
    );
    expect(searchNote({ ...base, notYetSearchable: 1 })).toBe(
      'Search index catching up: 1 task not yet searchable.',
    );
  });

  it('says nothing once the index has caught up, or when no search ran', () => {
    expect(searchNote({ ...base, notYetSearchable: 0 })).toBeNull();
    expect(searchNote(base)).toBeNull();
    expect(searchNote({ ...base, search: '', searchKind: 'none', notYetSearchable: 50 })).toBeNull();
  });
});
