import { DUPLICABLE, PINNABLE, type PaneId } from '../lib/layout';
import { app, notify } from '../state/app-state';
import { closePaneCopy, duplicatePaneOf, pinPaneTo, usePanePin, usePaneSlot } from '../state/pane-slot';
import { useStore } from '../state/store';

const FOLLOW = 'follow';
const PIN = 'pin:';
const DUPLICATE = 'action:duplicate';
const CLOSE = 'action:close';
/** The longest account label the marker shows whole (the title has all of it). */
const LABEL_CH = 16;

/**
 * The pane header's account marker and menu (issue 13 #3), one select so it fits the narrowest
 * pane (the book at 1280 px): it shows `follow` or, accent-coloured, the account the pane is
 * pinned to; its options pin to another account, follow again, duplicate the pane (the kinds
 * that can have copies) and close a copy. The mouse and Tab reach it; the palette's
 * `pin`/`unpin`/`duplicate`/`close` do the same from the keyboard.
 */
export function PaneAccount({ id, title }: { id: PaneId; title: string }) {
  const slot = usePaneSlot();
  const key = slot?.key ?? id;
  const pin = usePanePin();
  const accounts = useStore(app, (s) => s.accounts.map((a) => ({ id: a.id, label: a.label })), sameAccounts);
  const pinnable = PINNABLE.includes(id) && accounts.length > 0;
  const duplicable = DUPLICABLE.includes(id);
  const copy = slot?.copy !== undefined;
  if (!pinnable && !duplicable && !copy) return null;
  const pinLabel = accounts.find((a) => a.id === pin)?.label;
  const shown = pinLabel ?? (pinnable ? FOLLOW : 'pane');
  const choose = (value: string) => {
    if (value === DUPLICATE) {
      const made = duplicatePaneOf(key);
      if (!made.ok) notify('error', made.message);
    } else if (value === CLOSE) closePaneCopy(key);
    else if (value === FOLLOW) pinPaneTo(key, undefined);
    else if (value.startsWith(PIN)) pinPaneTo(key, value.slice(PIN.length));
  };
  return (
    <select
      className={`pane-pin${pin ? ' is-pinned' : ''}`}
      // As wide as what it shows, not as its longest option.
      style={{ width: `${Math.min(shown.length, LABEL_CH) + 1.5}ch` }}
      aria-label={`${title}: ${pinLabel ? `pinned to ${pinLabel}` : 'follows the active account'}; pin, follow, duplicate or close`}
      title={pinLabel ? `${title} is pinned to ${pinLabel}: it stays on that account whichever is active` : `${title} follows the active account`}
      data-testid={`pin-${key}`}
      data-pinned={pin ?? ''}
      value={pin ? PIN + pin : pinnable ? FOLLOW : ''}
      onChange={(e) => choose(e.target.value)}
    >
      {!pinnable && (
        <option value="" disabled>
          pane
        </option>
      )}
      {pinnable && (
        <>
          <option value={FOLLOW}>{FOLLOW}</option>
          <optgroup label="pin to">
            {accounts.map((a) => (
              <option key={a.id} value={PIN + a.id}>
                {a.label}
              </option>
            ))}
          </optgroup>
        </>
      )}
      {(duplicable || copy) && (
        <optgroup label="pane">
          {duplicable && <option value={DUPLICATE}>duplicate {title}</option>}
          {copy && <option value={CLOSE}>close {title}</option>}
        </optgroup>
      )}
    </select>
  );
}

function sameAccounts(a: readonly { id: string; label: string }[], b: readonly { id: string; label: string }[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]!.id && x.label === b[i]!.label);
}
