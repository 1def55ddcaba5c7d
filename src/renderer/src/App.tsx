import { Pane } from './components/Pane';
import { StatusBar } from './panes/StatusBar';
import { useAppInfo } from './state/use-app-info';

const PANES = [
  { id: 'chart', title: 'Chart' },
  { id: 'book', title: 'Order book' },
  { id: 'tape', title: 'Trades' },
  { id: 'ticket', title: 'Order ticket' },
  { id: 'orders', title: 'Open orders' },
  { id: 'balances', title: 'Balances' },
  { id: 'accounts', title: 'Accounts' },
] as const;

/** The terminal shell: the pane grid and the status bar. */
export function App() {
  const app = useAppInfo();
  return (
    <div className="app">
      <main className="layout">
        {PANES.map((pane, index) => (
          <Pane key={pane.id} id={pane.id} title={pane.title} hotkey={index + 1} />
        ))}
      </main>
      <StatusBar app={app} />
    </div>
  );
}
