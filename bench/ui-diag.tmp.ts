import { openMarkets, startUiSession, type PageGlobals } from './ui-page';
import { summarize } from './stats';
// ad-hoc: where the page hop goes (not committed)
async function main() {
  const session = await startUiSession();
  const { terminal } = session;
  try {
    const newContext = session.browser.newContext.bind(session.browser);
    (session.browser as any).newContext = async (o: any) => { const c = await newContext(o); await c.addInitScript(() => { const w = globalThis as any; w.__first = []; w.addEventListener('keydown', (e: any) => { if (e.key === 'Enter') w.__first.push({ ts: performance.timeOrigin + e.timeStamp, now: performance.timeOrigin + performance.now() }); }, true); }); return c; };
    const { page } = await openMarkets(session, 4);
    const handlers = terminal.engine.handlers as Record<string, (request: unknown) => unknown>;
    const marks: Record<string, number[]> = { previewStart: [], previewEnd: [], placeStart: [] };
    const wrap = (name: string, start: string, end?: string) => {
      const h = handlers[name]!;
      handlers[name] = async (r) => { marks[start]!.push(performance.timeOrigin + performance.now()); const v = await h(r); if (end) marks[end]!.push(performance.timeOrigin + performance.now()); return v; };
    };
    wrap('orders:preview', 'previewStart', 'previewEnd');
    wrap('orders:place', 'placeStart');
    await page.evaluate(() => {
      const w = globalThis as any;
      w.__ev = [];
      const send = w.WebSocket.prototype.send;
      w.WebSocket.prototype.send = function (data: string) {
        const m = /"id":(\d+),"channel":"(orders:place|orders:preview)"/.exec(data);
        if (m) w.__ev.push({ k: 'send ' + m[2], id: Number(m[1]), at: performance.timeOrigin + performance.now() });
        return send.call(this, data);
      };
      const orig = w.WebSocket.prototype.addEventListener;
      // results: patch JSON.parse is too broad; observe via MessageEvent on existing socket not possible; use a capture on message dispatch
      w.__origAdd = orig;
      w.addEventListener('keydown', (e: any) => { if (e.key === 'Enter') w.__ev.push({ k: 'keydown', at: performance.timeOrigin + e.timeStamp, now: performance.timeOrigin + performance.now() }); }, true);
      const P = w.JSON.parse;
      w.JSON.parse = function (t: string, ...rest: any[]) { const v = P.call(this, t, ...rest); if (v && v.t === 'result') w.__ev.push({ k: 'result', id: v.id, at: performance.timeOrigin + performance.now() }); return v; };
    });
    const bid = Number(await page.locator('.book-bid[data-index]').first().getAttribute('data-price'));
    const price = (Math.floor(bid * 0.97 * 100) / 100).toFixed(2);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur?.());
    await page.keyboard.press('b');
    await page.getByTestId('ticket-price').fill(price);
    const rows: any[] = [];
    for (let i = 0; i < 60; i++) {
      const quantity = (0.001 + (i % 50) * 0.0001).toFixed(4);
      await page.evaluate(() => ((globalThis as any).__ev = []));
      await page.getByTestId('ticket-quantity').fill(quantity);
      await page.keyboard.press('Enter');
      await page.getByTestId('ticket-message').filter({ hasText: 'placed' }).waitFor();
      const ev = await page.evaluate(() => [...(globalThis as any).__ev, { k: 'first', ...(globalThis as any).__first.at(-1) }]);
      rows.push(ev);
      await page.waitForTimeout(150);
    }
    const d: Record<string, number[]> = { keydownDispatchDelay: [], keydownToPreviewSend: [], previewRtt: [], previewResultToPlaceSend: [], keydownToPlaceSend: [] };
    for (const ev of rows) {
      const kd = ev.find((e: any) => e.k === 'keydown');
      const place = ev.find((e: any) => e.k === 'send orders:place');
      const pv = ev.filter((e: any) => e.k === 'send orders:preview' && e.at >= kd.at - 1 && e.at <= place.at).pop();
      d.keydownDispatchDelay!.push(kd.now - kd.at);
      const first = ev.find((e: any) => e.k === 'first');
      (d.firstListenerDelay ??= []).push(first.now - first.ts);
      (d.firstListenerToPlaceSend ??= []).push(place.at - first.now);
      d.keydownToPlaceSend!.push(place.at - kd.at);
      if (pv) {
        const res = ev.find((e: any) => e.k === 'result' && e.id === pv.id);
        d.keydownToPreviewSend!.push(pv.at - kd.at);
        d.previewRtt!.push(res.at - pv.at);
        d.previewResultToPlaceSend!.push(place.at - res.at);
      }
    }
    for (const [k, v] of Object.entries(d)) { if (!v.length) continue; const s = summarize(v); console.log(k.padEnd(28), 'n', v.length, 'p50', s.p50.toFixed(2), 'p95', s.p95.toFixed(2)); }
    const ph = marks.previewEnd!.map((e, i) => e - marks.previewStart![i]!);
    const s = summarize(ph); console.log('engine preview handler      p50', s.p50.toFixed(2), 'p95', s.p95.toFixed(2));
  } finally { await session.close(); }
}
void main();
