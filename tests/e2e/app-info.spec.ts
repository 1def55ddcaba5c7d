import pkg from '../../package.json';
import { expect, test } from './fixtures';

test('the renderer shows the engine app info it read through window.terminal', async ({ page, terminal }, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  await page.goto(terminal.host.url);

  await expect(page.getByTestId('app-version')).toHaveText(`${pkg.productName} v${pkg.version}`);
  await expect(page.getByTestId('app-mode')).toHaveText('DEMO');
  await expect(page.getByTestId('app-platform')).toContainText(process.platform);
  await expect(page.getByTestId('app-platform')).toContainText('browser-host');
  // Events flow too: the heartbeat from main reaches the status bar.
  await expect(page.getByTestId('heartbeat')).toContainText(/main ♥ \d+/);

  // The page got the same frozen API the preload builds, and nothing else.
  const shape = await page.evaluate(() => ({
    frozen: Object.isFrozen(window.terminal),
    namespaces: Object.keys(window.terminal),
    tokenInUrl: location.href.includes('token='),
  }));
  expect(shape).toEqual({ frozen: true, namespaces: expect.arrayContaining(['app']), tokenInUrl: false });

  // The screenshot of the app info as Chromium rendered it (test-results/e2e/...).
  await page.getByTestId('status-bar').screenshot({ path: testInfo.outputPath('app-info.png') });
  await testInfo.attach('app-info', { path: testInfo.outputPath('app-info.png'), contentType: 'image/png' });
  expect(problems).toEqual([]);
});

test('an IPC round trip through the bridge carries main-side timestamps', async ({ page, terminal }) => {
  await page.goto(terminal.host.url);
  const pong = await page.evaluate(async () => {
    const sentAt = Date.now();
    return window.terminal.app.ping({ sentAt, echo: 'hello' });
  });
  expect(pong).toMatchObject({ ok: true, value: { echo: 'hello' } });
  const { receivedAt, repliedAt } = (pong as Extract<typeof pong, { ok: true }>).value;
  expect(repliedAt).toBeGreaterThanOrEqual(receivedAt);
});

test('the bridge refuses a socket without the token or from a foreign origin', async ({ page, terminal }) => {
  await page.goto('about:blank');
  const outcomes = await page.evaluate(async (origin) => {
    const attempt = (url: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      });
    const base = origin.replace('http', 'ws') + '/__host/bridge';
    return { noToken: await attempt(base), wrongToken: await attempt(`${base}?token=guess`) };
  }, terminal.host.origin);
  expect(outcomes).toEqual({ noToken: 'refused', wrongToken: 'refused' });

  // Right token, wrong Origin (about:blank sends none that matches): still refused.
  const foreign = await page.evaluate(async (url) => {
    return new Promise<string>((resolve) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve('open');
      ws.onerror = () => resolve('refused');
    });
  }, `${terminal.host.origin.replace('http', 'ws')}/__host/bridge?token=${terminal.host.token}`);
  expect(foreign).toBe('refused');
});
