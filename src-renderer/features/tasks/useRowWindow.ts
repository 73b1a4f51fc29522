// Windowing for a list whose rows all have one height: which rows to put in the page for the
// current scroll position, in constant time. A general virtualizer (@tanstack/react-virtual)
// lays out every row before the first paint (a ~20 ms loop at 100k tasks) and measures the
// scroll box synchronously (a forced layout); with fixed heights neither is needed: row i starts
// at i × height, and the box's height comes from a ResizeObserver after the browser's own layout.
import { useCallback, useEffect, useState, type RefObject } from 'react';

export interface RowWindowOptions {
  count: number;
  rowHeight: number;
  /** Rows rendered beyond each edge of the view, so fast scrolling shows no gaps. */
  overscan: number;
  /** Height of the sticky header at the top of the scroll box: rows start below it. */
  headerHeight: number;
  scrollRef: RefObject<HTMLElement | null>;
  /** The box's height until it is measured (the first render happens before any layout). */
  initialHeight: number;
}

export interface RowWindow {
  /** First and last row index to render (inclusive); last < first when there are none. */
  first: number;
  last: number;
  /** Brings a row fully into view (below the sticky header), scrolling as little as possible. */
  scrollToIndex(index: number): void;
}

export function useRowWindow({
  count,
  rowHeight,
  overscan,
  headerHeight,
  scrollRef,
  initialHeight,
}: RowWindowOptions): RowWindow {
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(initialHeight);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onScroll = () => setScrollTop(element.scrollTop);
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [scrollRef]);

  // Row i spans i × rowHeight to (i + 1) × rowHeight below the header; the header covers the
  // top of the box, so rows show from scrollTop to scrollTop + height − header.
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((scrollTop + height - headerHeight) / rowHeight) - 1 + overscan);

  const scrollToIndex = useCallback(
    (index: number) => {
      const element = scrollRef.current;
      if (!element) return;
      const rowTop = index * rowHeight;
      const viewTop = element.scrollTop;
      // The header covers the top of the box: a row is in view below it.
      const visible = element.clientHeight - headerHeight;
      if (rowTop < viewTop) element.scrollTop = rowTop;
      else if (rowTop + rowHeight > viewTop + visible) element.scrollTop = rowTop + rowHeight - visible;
    },
    [scrollRef, rowHeight, headerHeight],
  );

  return { first, last, scrollToIndex };
}
