import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, DEVELOPMENT_ROLES, flattenMenu, type MenuActions } from './menu';

const actions = (): MenuActions => ({ zoom: vi.fn(), showLogs: vi.fn(), showAbout: vi.fn(), showLicenses: vi.fn(), setAskBeforeClosing: vi.fn() });
const roles = (platform: NodeJS.Platform, packaged: boolean) =>
  flattenMenu(buildMenuTemplate({ appName: 'Keyboard Terminal', platform, packaged, askBeforeClosing: true, actions: actions() })).map((i) => i.role).filter(Boolean);

describe('the application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('has no reload, force-reload or devtools in a packaged build (%s)', (platform) => {
    const packaged = roles(platform, true);
    for (const role of DEVELOPMENT_ROLES) expect(packaged).not.toContain(role);
    // Development keeps them.
    expect(roles(platform, false)).toEqual(expect.arrayContaining([...DEVELOPMENT_ROLES]));
  });

  it.each(['linux', 'win32', 'darwin'] as const)('has the standard Edit roles, so copy and paste work (%s)', (platform) => {
    const edit = buildMenuTemplate({ appName: 'T', platform, packaged: true, askBeforeClosing: true, actions: actions() }).find((m) => m.label === 'Edit')!;
    expect(edit.submenu!.map((i) => i.role)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it('puts the app menu first on macOS only', () => {
    const labels = (platform: NodeJS.Platform) => buildMenuTemplate({ appName: 'T', platform, packaged: true, askBeforeClosing: true, actions: actions() }).map((m) => m.label);
    expect(labels('darwin')).toEqual(['T', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(labels('linux')).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('wires zoom, Show Logs, Licenses and About to the shell', () => {
    const a = actions();
    const items = flattenMenu(buildMenuTemplate({ appName: 'T', platform: 'linux', packaged: true, askBeforeClosing: true, actions: a }));
    const click = (id: string) => items.find((i) => i.id === id)!.click!();
    click('zoom-in');
    click('zoom-out');
    click('zoom-reset');
    click('show-logs');
    click('licenses');
    click('about');
    items.find((i) => i.id === 'ask-before-closing')!.click!({ checked: false });
    expect(vi.mocked(a.zoom).mock.calls).toEqual([[1], [-1], [0]]);
    expect(a.showLogs).toHaveBeenCalledOnce();
    expect(a.showLicenses).toHaveBeenCalledOnce();
    expect(a.showAbout).toHaveBeenCalledOnce();
    expect(a.setAskBeforeClosing).toHaveBeenCalledWith(false);
  });

  it('has no item that leaves the app (Electron\'s default Help → Learn More)', () => {
    const items = flattenMenu(buildMenuTemplate({ appName: 'T', platform: 'linux', packaged: true, askBeforeClosing: true, actions: actions() }));
    expect(items.map((i) => i.label ?? i.role).join(' ')).not.toMatch(/learn more|documentation|community|issues/i);
  });
});
