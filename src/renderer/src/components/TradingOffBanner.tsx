import { exchangeName } from '../../../shared';
import { app } from '../state/app-state';
import { watchedExchange } from '../state/selectors';
import { shallowEqual, useStore } from '../state/store';

/**
 * Issue 13 #6: on a start where the keychain is unavailable no account (not even a demo one)
 * can sign, but the markets still stream by exchange. This says why trading is off and how to
 * turn it on, instead of leaving an empty terminal to guess at.
 */
export function TradingOffBanner() {
  const { problem, watched } = useStore(
    app,
    (s) => ({
      problem: s.accounts.length === 0 ? s.problems.find((p) => p.kind === 'keychain-unavailable')?.message : undefined,
      watched: watchedExchange(s),
    }),
    shallowEqual,
  );
  if (problem === undefined) return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="trading-off">
      <strong>Trading is off: the system keychain is unavailable,</strong> so no account can keep its key and sign orders.{' '}
      {watched && <>The {exchangeName(watched)} markets still stream without an account. </>}
      To trade, start and unlock your keyring (on Linux a Secret Service such as GNOME Keyring or KeePassXC), then restart the terminal.
      <span className="banner-detail">{problem}</span>
    </div>
  );
}
