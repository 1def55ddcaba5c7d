import { useEffect, useMemo, useRef, useState } from 'react';
import { canonicalSymbol, type OrderPreview } from '../../../../shared';
import { formatAmount, formatFee } from '../../lib/format';
import { PALETTE_EXAMPLES, parseCommand, subsequence } from '../../lib/palette-grammar';
import { SIM_EXAMPLES, isDemoOnly } from '../../lib/palette-sim';
import { requestKey } from '../../lib/ticket';
import { app, isReadOnly, notify } from '../../state/app-state';
import { useMarketLookup } from '../../state/selectors';
import { shallowEqual, useStore } from '../../state/store';
import { currentMid, describeOutcome, describeRequest, followSubmission, isUnclear, paletteSubmitter, recordPlaced } from '../../state/ticket-state';
import { resolveCancel, resolveOrder, runCommand } from './run-command';
import { resolveAnyBasket } from './group-basket';
import { basketBlock, sendBasket } from '../../state/basket';
import { BasketLines, basketWhat, useBasketPreviews } from './BasketLines';
import { scopeWords } from '../../lib/cancel-scope';

/** Suggestions for what is typed: symbols after `/`, accounts after `account`, else examples. */
function suggestionsFor(text: string, symbols: readonly string[], accounts: readonly { label: string; mode: string }[]): string[] {
  const t = text.trimStart().toLowerCase();
  if (t.startsWith('/') || t.startsWith('symbol ')) {
    const q = canonicalSymbol(t.replace(/^\/|^symbol\s+/, ''));
    return symbols.filter((s) => s.includes(q) || subsequence(q, s)).slice(0, 8).map((s) => `/${s.toLowerCase()}`);
  }
  const accountQuery = /^(account|switch account|switch|use)\s+(.*)$/.exec(t);
  if (accountQuery) {
    const q = accountQuery[2]!;
    return accounts.filter((a) => subsequence(q, a.label.toLowerCase())).map((a) => `account ${a.label}`);
  }
  // The simulators' fault commands are offered in demo mode only (issue 18).
  const examples: readonly string[] = isDemoOnly(accounts) ? [...PALETTE_EXAMPLES, ...SIM_EXAMPLES] : PALETTE_EXAMPLES;
  if (t === '') return [...examples];
  const head = t.split(/\s+/)[0]!;
  return examples.filter((e) => e.startsWith(head) && e !== t).slice(0, 6);
}

/** Ctrl+K: one line of the palette grammar; orders show their preview before Enter sends them. */
export function Palette({ initial }: { initial: string }) {
  const [text, setText] = useState(initial);
  const [edition, setEdition] = useState(0);
  const [selected, setSelected] = useState(-1);
  const [message, setMessage] = useState<{ level: 'error' | 'warn' | 'info'; text: string } | undefined>();
  const [preview, setPreview] = useState<{ key: string; value?: OrderPreview; error?: string } | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const { symbols, accounts, safety, readOnly, activeAccountId } = useStore(
    app,
    (s) => ({ symbols: (s.activeAccountId ? s.markets[s.activeAccountId] : undefined)?.map((m) => m.symbol) ?? [], accounts: s.accounts, safety: s.safety, readOnly: isReadOnly(s), activeAccountId: s.activeAccountId }),
    shallowEqual,
  );
  const parsed = useMemo(() => parseCommand(text), [text]);
  const order = useMemo(() => (parsed.ok && parsed.command.kind === 'order' && !parsed.command.legs && parsed.command.group === undefined ? resolveOrder(parsed.command) : undefined), [parsed]);
  const basket = useMemo(() => (parsed.ok && parsed.command.kind === 'order' ? resolveAnyBasket(parsed.command) : undefined), [parsed]);
  const basketKey = basket?.ok ? JSON.stringify(basket.value) : undefined;
  const basketPreviews = useBasketPreviews(basket?.ok ? basket.value : undefined, basketKey);
  const cancel = useMemo(() => (parsed.ok && parsed.command.kind === 'cancel-all' ? resolveCancel(parsed.command) : undefined), [parsed]);
  const suggestions = suggestionsFor(text, symbols, accounts);
  const lookup = useMarketLookup();
  const orderAccount = order?.ok ? order.value.request.accountId : '';
  const orderMarket = order?.ok ? lookup.market(orderAccount, order.value.request.symbol) : undefined;
  const orderMarkets = lookup.marketsOf(orderAccount);
  const quote = orderMarket?.quote ?? '';

  useEffect(() => {
    input.current?.focus();
  }, []);

  // The live preview of an order line.
  const orderKey = order?.ok ? requestKey(order.value.request) : undefined;
  useEffect(() => {
    if (!order?.ok || !orderKey) return;
    let live = true;
    const timer = setTimeout(() => {
      void window.terminal.orders.preview(order.value.request).then((r) => {
        if (live) setPreview(r.ok ? { key: orderKey, value: r.value } : { key: orderKey, error: r.error.message });
      });
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The order is identified by its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orderKey]);

  const close = () => app.set({ overlay: undefined });

  const execute = async () => {
    const chosen = selected >= 0 ? suggestions[selected] : undefined;
    if (chosen !== undefined && chosen !== text) {
      setText(chosen);
      setSelected(-1);
      setEdition((e) => e + 1);
      // Picking a symbol or an account runs it; an example is only filled in to be edited.
      const picked = parseCommand(chosen);
      if (picked.ok && (picked.command.kind === 'symbol' || picked.command.kind === 'account')) {
        const problem = await runCommand(picked.command);
        if (problem) setMessage({ level: 'error', text: problem });
        else close();
      }
      return;
    }
    if (!parsed.ok) return setMessage({ level: 'error', text: parsed.message });
    const command = parsed.command;
    if (basket) {
      if (!basket.ok) return setMessage({ level: 'error', text: basket.message });
      const block = basketBlock(basketPreviews, basket.value.legs);
      if (block) return setMessage({ level: 'error', text: block });
      const sent = await sendBasket(basket.value, `${basketKey}|${edition}`, basketWhat(basket.value), readOnly);
      if (sent.kind === 'ignored') return;
      if (sent.kind === 'sent') return close();
      return setMessage({ level: sent.kind === 'blocked' ? 'warn' : 'error', text: sent.message });
    }
    if (command.kind !== 'order') {
      const problem = await runCommand(command);
      if (problem) return setMessage({ level: 'error', text: problem });
      return close();
    }
    if (!order?.ok) return setMessage({ level: 'error', text: order?.message ?? 'cannot resolve this order' });
    const request = order.value.request;
    const outcome = await paletteSubmitter.submit(request, {
      edition,
      safety,
      readOnly,
      mid: currentMid(request.accountId, request.symbol),
      preview: preview?.key === orderKey && preview?.value ? { key: orderKey!, value: preview.value } : undefined,
    });
    if (outcome.kind === 'ignored') return;
    recordPlaced(outcome);
    const described = describeOutcome(outcome);
    if (outcome.kind === 'placed') {
      notify('ok', described.message ?? 'placed');
      return close();
    }
    if (isUnclear(outcome)) {
      // The notice says "looking it up" and then how it ended (pushed by the engine).
      followSubmission(outcome, request, paletteSubmitter);
      return close();
    }
    setMessage({ level: outcome.kind === 'confirm' || outcome.kind === 'read-only' ? 'warn' : 'error', text: described.message ?? '' });
  };

  const shownPreview = preview?.key === orderKey ? preview : undefined;
  return (
    <div className="overlay" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="palette">
        <input
          ref={input}
          className="palette-input"
          data-testid="palette-input"
          aria-label="Command"
          // An ARIA combobox (issue 15, must-have 10): the focus stays in the field and the
          // chosen suggestion is announced through aria-activedescendant.
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-autocomplete="list"
          aria-controls="palette-suggestions"
          aria-activedescendant={selected >= 0 && selected < suggestions.length ? `palette-option-${selected}` : undefined}
          spellCheck={false}
          autoComplete="off"
          value={text}
          placeholder="buy 0.5 btcusdt @ 48000 · sell 25% ethusdt market · cancel all · account demo"
          onChange={(e) => {
            setText(e.target.value);
            setEdition((n) => n + 1);
            setSelected(-1);
            setMessage(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (!e.repeat) void execute();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const n = suggestions.length;
              if (n) setSelected((s) => (e.key === 'ArrowDown' ? (s + 1) % n : (s - 1 + n) % n));
            } else if (e.key === 'Tab' && suggestions.length) {
              e.preventDefault();
              setText(suggestions[Math.max(0, selected)]!);
              setEdition((n) => n + 1);
              setSelected(-1);
            }
          }}
        />
        <div className="palette-status" data-testid="palette-status">
          {text.trim() !== '' && !parsed.ok && <p className="muted">{parsed.message}</p>}
          {order && !order.ok && <p className="error">{order.message}</p>}
          {basket && !basket.ok && <p className="error">{basket.message}</p>}
          {basket?.ok && <BasketLines basket={basket.value} previews={basketPreviews} />}
          {cancel && (cancel.ok ? <p>cancels every open order {scopeWords(cancel.value, accounts, activeAccountId)}</p> : <p className="error">{cancel.message}</p>)}
          {order?.ok && (
            <p>
              {describeRequest(order.value.request, orderMarket)} on {order.value.accountLabel}
              {shownPreview?.value?.notional ? ` · notional ${formatAmount(shownPreview.value.notional, quote, orderMarkets)} ${quote}` : ''}
              {shownPreview?.value?.estimatedFee ? ` · fee ${formatFee(shownPreview.value.estimatedFee)} ${shownPreview.value.feeAsset ?? quote}` : ''}
            </p>
          )}
          {shownPreview?.value?.violations.map((v, i) => (
            <p key={i} className="error">
              {v.field}: {v.message}
            </p>
          ))}
          {shownPreview?.error && <p className="error">could not check: {shownPreview.error}</p>}
          {message && (
            <p className={message.level} role="alert" data-testid="palette-message">
              {message.text}
            </p>
          )}
        </div>
        {suggestions.length > 0 && (
          <ul className="palette-suggestions" id="palette-suggestions" role="listbox" aria-label="Suggestions">
            {suggestions.map((s, i) => (
              <li
                key={s}
                id={`palette-option-${i}`}
                role="option"
                aria-selected={i === selected}
                className={i === selected ? 'is-on' : ''}
                onMouseDown={(e) => {
                  e.preventDefault();
                  setText(s);
                  setEdition((n) => n + 1);
                  input.current?.focus();
                }}
              >
                {s}
              </li>
            ))}
          </ul>
        )}
        <p className="palette-help muted">Enter runs · ↑↓ choose · Tab completes · Esc closes</p>
      </div>
    </div>
  );
}
