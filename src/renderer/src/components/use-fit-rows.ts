import { useEffect, useRef, useState } from 'react';

/**
 * How many fixed-height rows fit in an element, read in a ResizeObserver (never during render,
 * so a push never forces a layout). `reserve` is the height taken by headers and separators.
 */
export function useFitRows<E extends HTMLElement>(rowHeight: number, reserve: number, initial: number): [React.RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [rows, setRows] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const height = entry?.contentRect.height ?? 0;
      setRows(Math.max(1, Math.floor((height - reserve) / rowHeight)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [rowHeight, reserve]);
  return [ref, rows];
}
