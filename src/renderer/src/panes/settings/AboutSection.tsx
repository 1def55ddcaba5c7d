import { THIRD_PARTY_NOTICES, TRADINGVIEW_NOTICE, TRADINGVIEW_URL } from '../../../../shared/notices';
import { app } from '../../state/app-state';
import { useStore } from '../../state/store';

/**
 * Version and third-party notices, in every host (the desktop app also has Help → Licenses).
 * lightweight-charts' licence asks for TradingView's notice and a link to its site where users
 * can see them; the chart hides its logo (it covered the price axis), so they are here.
 */
export function AboutSection() {
  const info = useStore(app, (s) => s.info);
  return (
    <section className="settings-section about" aria-label="About and licences" data-testid="settings-about">
      <h3>About and licences</h3>
      {info && (
        <p className="muted">
          {info.name} {info.version} · {info.host} on {info.platform}
        </p>
      )}
      <p data-testid="tradingview-notice">
        Charts by{' '}
        <a href={TRADINGVIEW_URL} target="_blank" rel="noopener noreferrer">
          TradingView
        </a>
        . {TRADINGVIEW_NOTICE}
      </p>
      <ul className="notices-list">
        {THIRD_PARTY_NOTICES.map((n) => (
          <li key={n.name}>
            {n.name}: {n.licence}, © {n.holder}
          </li>
        ))}
      </ul>
    </section>
  );
}
