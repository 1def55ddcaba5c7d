import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Peak RSS and the worst event-loop block of this process while a phase runs. */
export function startMonitor() {
  // The loop-block measure is for the product's work: the harness's own case generation
  // (fast-check, seconds of GC per batch under load) is left out by pausing around it. Each
  // resume starts a fresh histogram, so a pause never reads as one long block.
  let delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let worstBefore = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  sampler.unref();
  return {
    /** Around harness work that is not the product's (case generation). */
    pause() {
      delay.disable();
      worstBefore = Math.max(worstBefore, delay.max);
    },
    resume() {
      delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
    },
    stop() {
      clearInterval(sampler);
      delay.disable();
      // maxRSS (KiB) is the kernel's high-water mark: it sees a spike between two samples too.
      const kernelPeak = process.resourceUsage().maxRSS * 1024;
      return {
        peakRssMb: Math.round(Math.max(peakRss, kernelPeak) / 1024 / 1024),
        worstLoopBlockMs: Math.round(Math.max(worstBefore, delay.max) / 1e6),
        loopDelayP99Ms: Math.round(delay.percentile(99) / 1e6),
      };
    },
  };
}

/** A short, safe description of any value (no recursion: payloads nest 100k deep). */
export function preview(value: unknown, budget = 300): string {
  const out: string[] = [];
  let used = 0;
  const stack: Array<{ v: unknown; depth: number } | string> = [{ v: value, depth: 0 }];
  while (stack.length && used < budget) {
    const item = stack.pop()!;
    let piece: string;
    if (typeof item === 'string') piece = item;
    else {
      const { v, depth } = item;
      if (typeof v === 'string') piece = v.length > 60 ? `${JSON.stringify(v.slice(0, 40))}…(${v.length} chars)` : JSON.stringify(v);
      else if (typeof v === 'bigint') piece = `${v}n`;
      else if (typeof v === 'number') piece = Object.is(v, -0) ? '-0' : String(v);
      else if (v === null || typeof v !== 'object') piece = String(v);
      else if (depth > 6) piece = '…';
      else if (v instanceof Map || v instanceof Set || ArrayBuffer.isView(v) || v instanceof Date || v instanceof RegExp) piece = `${v.constructor.name}(…)`;
      else {
        const entries = Object.entries(v).slice(0, 8);
        const isArray = Array.isArray(v);
        stack.push(isArray ? (v.length > 8 ? `,…(${v.length} items)]` : ']') : '}');
        for (let i = entries.length - 1; i >= 0; i--) {
          const [k, child] = entries[i]!;
          stack.push({ v: child, depth: depth + 1 });
          if (!isArray) stack.push(`${JSON.stringify(k.length > 30 ? `${k.slice(0, 30)}…` : k)}:`);
          if (i > 0) stack.push(',');
        }
        piece = isArray ? '[' : Object.getPrototypeOf(v) === null ? '{(null proto)' : '{';
      }
    }
    out.push(piece);
    used += piece.length;
  }
  const text = out.join('');
  return text.length > budget ? `${text.slice(0, budget)}…` : text;
}
