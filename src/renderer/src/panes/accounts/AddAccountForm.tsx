import { useState, type FormEvent } from 'react';
import type { ExchangeId } from '../../../../shared';
import { notify } from '../../state/app-state';

/**
 * Adds an account: the engine checks the key with a signed call before it stores anything.
 * The secret travels to main once and is cleared from this form at once, whatever the answer.
 */
export function AddAccountForm({ onDone }: { onDone: () => void }) {
  const [exchange, setExchange] = useState<ExchangeId>('icrypex');
  const [label, setLabel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [apiSecret, setApiSecret] = useState('');
  const [rest, setRest] = useState('');
  const [ws, setWs] = useState('');
  const [problem, setProblem] = useState<{ field?: string; message: string } | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const endpoints = { ...(rest.trim() ? { rest: rest.trim() } : {}), ...(ws.trim() ? { ws: ws.trim() } : {}) };
    const result = await window.terminal.accounts.add({
      exchange,
      label,
      apiKey,
      apiSecret,
      ...(Object.keys(endpoints).length ? { endpoints } : {}),
    });
    setApiSecret('');
    setBusy(false);
    if (!result.ok) {
      setProblem({ field: result.error.field, message: result.error.message });
      return;
    }
    notify('ok', `added ${result.value.label} (${result.value.exchange}, key ••••${result.value.keyLast4})`);
    onDone();
  };

  const fieldProblem = (field: string) =>
    problem && problem.field && (problem.field === field || problem.field.startsWith(`${field}.`)) ? (
      <span className="field-problem">{problem.message}</span>
    ) : null;

  return (
    <form className="add-account" onSubmit={(e) => void submit(e)} data-testid="add-account">
      <label>
        exchange
        <select value={exchange} onChange={(e) => setExchange(e.target.value as ExchangeId)} autoFocus>
          <option value="icrypex">Icrypex</option>
          <option value="cryptocom">Crypto.com (V1)</option>
        </select>
      </label>
      <label>
        name
        <input aria-label="name" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. Main Icrypex" maxLength={40} />
        {fieldProblem('label')}
      </label>
      <label>
        API key
        <input aria-label="API key" value={apiKey} onChange={(e) => setApiKey(e.target.value)} autoComplete="off" spellCheck={false} />
        {fieldProblem('apiKey')}
      </label>
      <label>
        API secret
        <input aria-label="API secret" type="password" value={apiSecret} onChange={(e) => setApiSecret(e.target.value)} autoComplete="off" />
        {fieldProblem('apiSecret')}
      </label>
      <details>
        <summary>endpoints (optional)</summary>
        <label>
          REST URL
          <input value={rest} onChange={(e) => setRest(e.target.value)} placeholder="https://…" />
        </label>
        <label>
          WebSocket URL
          <input value={ws} onChange={(e) => setWs(e.target.value)} placeholder="wss://…" />
        </label>
        {fieldProblem('endpoints')}
      </details>
      {problem && !problem.field && (
        <p className="error" role="alert">
          {problem.message}
        </p>
      )}
      {problem?.field && (
        <p className="error" role="alert">
          {problem.field}: {problem.message}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Checking the key…' : 'Check and add'}
      </button>
    </form>
  );
}
