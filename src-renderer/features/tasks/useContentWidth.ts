// The width of an element's content box (inside borders and scrollbar), followed as it changes.
// Read from a ResizeObserver after the browser's own layout, so rendering never forces one; until
// the first report, `initialWidth` stands in.
import { useEffect, useState, type RefObject } from 'react';

export function useContentWidth(ref: RefObject<HTMLElement | null>, initialWidth: number): number {
  const [width, setWidth] = useState(initialWidth);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
