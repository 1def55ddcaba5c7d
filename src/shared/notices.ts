/**
 * Third-party notices the app shows (Help → Licenses in Electron, Settings → About in every host).
 * lightweight-charts' licence asks for TradingView's attribution notice and a link to
 * tradingview.com where users can see it; the chart's own logo is off (it covered the price
 * axis), so this is where the notice lives. `notices.test.ts` checks that every runtime dependency
 * and every library bundled into the window is listed here.
 */

export const TRADINGVIEW_URL = 'https://www.tradingview.com/';

/** The attribution lightweight-charts' licence asks for, in the words of its NOTICE file. */
export const TRADINGVIEW_NOTICE = 'TradingView Lightweight Charts™ Copyright (c) 2025 TradingView, Inc. https://www.tradingview.com/';

export interface ThirdPartyNotice {
  name: string;
  licence: string;
  holder: string;
  /** A notice the licence asks us to show, word for word. */
  notice?: string;
}

export const THIRD_PARTY_NOTICES: readonly ThirdPartyNotice[] = [
  { name: 'lightweight-charts', licence: 'Apache-2.0', holder: 'TradingView, Inc.', notice: TRADINGVIEW_NOTICE },
  { name: 'fancy-canvas', licence: 'MIT', holder: 'TradingView, Inc.' },
  { name: 'react, react-dom, scheduler', licence: 'MIT', holder: 'Meta Platforms, Inc. and affiliates' },
  { name: 'zod', licence: 'MIT', holder: 'Colin McDonnell' },
  { name: 'big.js', licence: 'MIT', holder: 'Michael Mclaughlin' },
  { name: 'ws', licence: 'MIT', holder: 'Einar Otto Stangvik and contributors' },
  { name: 'keytar', licence: 'MIT', holder: 'GitHub Inc.' },
  { name: 'electron-log', licence: 'MIT', holder: 'Alexey Prokhorov' },
  { name: 'Electron', licence: 'MIT', holder: 'the Electron contributors (Chromium and Node.js carry their own licences, shipped with the app as LICENSES.chromium.html)' },
];

/** The notices as plain text, one block per package (the Electron dialog shows this). */
export function noticesText(): string {
  return THIRD_PARTY_NOTICES.map((n) => `${n.name}: ${n.licence}, ${n.holder}${n.notice ? `\n  ${n.notice}` : ''}`).join('\n');
}
