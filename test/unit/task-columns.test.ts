// How the task list's columns share its width (src-renderer/features/tasks/columns.ts).
import { describe, expect, it } from 'vitest';
import { placeColumns, TASK_COLUMNS } from '../../src-renderer/features/tasks/columns.ts';

const ids = (placed: { id: string }[]) => placed.map((c) => c.id);
const sum = (placed: { shown: number }[]) => placed.reduce((total, c) => total + c.shown, 0);
const allMins = TASK_COLUMNS.reduce((total, c) => total + c.min, 0);

describe('placeColumns', () => {
  it('fills a wide list exactly with every column, none below its narrowest width', () => {
    for (const width of [allMins, allMins + 1, 1263, 1500, 2400]) {
      const placed = placeColumns(width, {});
      expect(ids(placed)).toEqual(TASK_COLUMNS.map((c) => c.id));
      expect(sum(placed), `at ${width} px`).toBe(width);
      for (const c of placed) expect(c.shown, `${c.id} at ${width} px`).toBeGreaterThanOrEqual(c.min);
    }
  });

  it('shares the spare width in proportion to the usual widths', () => {
    const placed = placeColumns(2400, {});
    const name = placed.find((c) => c.id === 'name')!;
    const cost = placed.find((c) => c.id === 'cost')!;
    expect(name.shown / cost.shown).toBeCloseTo(name.width / cost.width, 1);
  });

  it('leaves out the least important columns when the narrowest widths do not fit, in their usual order', () => {
    const placed = placeColumns(460, {});
    expect(ids(placed)).toEqual(['name', 'status', 'created']);
    expect(sum(placed)).toBe(460);
    // One pixel short of the narrowest widths: the least important column (Labels) goes.
    expect(ids(placeColumns(allMins - 1, {}))).not.toContain('labels');
    expect(placeColumns(allMins - 1, {})).toHaveLength(TASK_COLUMNS.length - 1);
  });

  it('always shows the first column, even in a list narrower than it', () => {
    expect(ids(placeColumns(50, {}))).toEqual(['name']);
    expect(ids(placeColumns(0, {}))).toEqual(['name']);
  });

  it('keeps a resized column at the width set; the others take what is left', () => {
    const placed = placeColumns(1500, { created: 300 });
    expect(placed.find((c) => c.id === 'created')).toMatchObject({ shown: 300, resized: true });
    expect(sum(placed)).toBe(1500);
    expect(placed.filter((c) => c.resized)).toHaveLength(1);
  });

  it('counts a resized column at its set width when choosing which columns fit', () => {
    const wide = placeColumns(1200, {});
    const withWideName = placeColumns(1200, { name: 500 });
    expect(withWideName.length).toBeLessThan(wide.length);
    expect(withWideName.find((c) => c.id === 'name')!.shown).toBe(500);
    expect(sum(withWideName)).toBe(1200);
  });

  it('gives what is left to the last column when the user resized every shown one', () => {
    const widths = { name: 200, status: 120, created: 180 };
    const placed = placeColumns(600, widths);
    expect(ids(placed)).toEqual(['name', 'status', 'created']);
    expect(placed.map((c) => c.shown)).toEqual([200, 120, 280]);
  });
});
