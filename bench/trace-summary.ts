/**
 * Where a renderer's main thread spends its time, from a Chromium trace (the JSON that
 * `browser.startTracing` writes): self time per event name on CrRendererMain, children
 * subtracted, so "Paint" is paint and not the script that caused it.
 */

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string } };
}

export function mainThreadSelfTimes(trace: { traceEvents: TraceEvent[] }): { wallMs: number; byName: Array<[string, number]> } {
  const mains = new Set(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const complete = trace.traceEvents.filter((e) => e.ph === 'X' && e.dur !== undefined && mains.has(`${e.pid}:${e.tid}`)).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: Array<{ end: number; name: string }> = [];
  let first = Infinity;
  let last = -Infinity;
  for (const event of complete) {
    const end = event.ts + event.dur!;
    first = Math.min(first, event.ts);
    last = Math.max(last, end);
    while (stack.length && stack[stack.length - 1]!.end <= event.ts) stack.pop();
    const parent = stack[stack.length - 1];
    // A child's time is its own, not its parent's.
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - event.dur!);
    const name = event.name === 'FunctionCall' && event.args?.data?.functionName ? `FunctionCall ${event.args.data.functionName}` : event.name;
    self.set(name, (self.get(name) ?? 0) + event.dur!);
    stack.push({ end, name });
  }
  const byName = [...self.entries()].map(([name, us]) => [name, us / 1000] as [string, number]).sort((a, b) => b[1] - a[1]);
  return { wallMs: (last - first) / 1000, byName };
}
