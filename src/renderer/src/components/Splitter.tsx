import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface SplitterProps {
  orientation: 'vertical' | 'horizontal';
  label: string;
  /** Share of the first side, 0..1 (for assistive tech). */
  value: number;
  /** Moves the border by a fraction of the container. */
  onResize: (delta: number) => void;
}

/**
 * A border between two panes: drag it, or focus it (Tab) and use the arrow keys (Shift for
 * bigger steps), so resizing needs no mouse either.
 */
export function Splitter({ orientation, label, value, onResize }: SplitterProps) {
  const drag = useRef<{ start: number; size: number; applied: number } | null>(null);
  const vertical = orientation === 'vertical';

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const container = event.currentTarget.parentElement;
    if (!container) return;
    const rect = container.getBoundingClientRect();
    drag.current = { start: vertical ? event.clientX : event.clientY, size: vertical ? rect.width : rect.height, applied: 0 };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.size <= 0) return;
    const total = ((vertical ? event.clientX : event.clientY) - d.start) / d.size;
    onResize(total - d.applied);
    d.applied = total;
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    const back = vertical ? 'ArrowLeft' : 'ArrowUp';
    const forward = vertical ? 'ArrowRight' : 'ArrowDown';
    if (event.key === back || event.key === forward) {
      onResize(event.key === back ? -step : step);
      event.preventDefault();
    }
  };

  return (
    <div
      className={`splitter splitter-${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={Math.round(value * 100)}
      aria-valuemin={0}
      aria-valuemax={100}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
