import { useState, type FormEvent } from 'react';
import { ACCOUNT_LABEL_MAX, AddAccountRequest, EXCHANGES, exchangeEntry, type ExchangeId } from '../../../../shared';
import { formMessage, messagesByField } from '../../lib/form-errors';
import { notify } from '../../state/app-state';

/**
 * Adds an account: the engine checks the key with a signed call before it stores anything.
 * The secret travels to main once and is cleared from this form at once, whatever the answer.
 */
export function AddAccountForm({ onDone }: { onDone: () => void }) {
  const [exchange, setExchange] = useState<ExchangeId>(EXCHANGES[0].id);
  const [label, setLabel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [apiSecret, setApiSecret] = useState('');
  const [rest, setRest] = useState('');
  const [ws, setWs] = useState('');
  /** Messages by field ('' = about the whole form), in the user's words. */
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const entry = exchangeEntry(exchange);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const endpoints = { ...(rest.trim() ? { rest: rest.trim() } : {}), ...(ws.trim() ? { ws: ws.trim() } : {}) };
    const request = { exchange, label, apiKey, apiSecret, ...(Object.keys(endpoints).length ? { endpoints } : {}) };
    // The contract's own rules first: each field says what is wrong with it, nothing is sent.
    const checked = AddAccountRequest.safeParse(request);
    if (!checked.success) {
      setProblems(messagesByField(checked.error.issues));
      return;
    }
    setBusy(true);
    setProblems({});
    const result = await window.terminal.accounts.add(request);
    setApiSecret('');
    setBusy(false);
    if (!result.ok) {
      const shown = formMessage(result.error);
      setProblems({ [shown.field ?? '']: shown.message });
      return;
    }
    notify('ok', `added ${result.value.label} (${result.value.exchange}, key ••••${result.value.keyLast4})`);
    onDone();
  };

  const fieldProblem = (field: string) =>
    problems[field] ? (
      <span className="field-problem" role="alert" id={`add-account-${field}-problem`} data-testid={`add-account-${field}-problem`}>
        {problems[field]}
      </span>
    ) : null;
  const described = (field: string) => (problems[field] ? { 'aria-invalid': true, 'aria-describedby': `add-account-${field}-problem` } : {});

  return (
    <form className="add-account" onSubmit={(e) => void submit(e)} data-testid="add-account">
      <label>
        exchange
        <select value={exchange} onChange={(e) => setExchange(e.target.value as ExchangeId)} autoFocus>
          {EXCHANGES.map((e) => (
            <option key={e.id} value={e.id}>
              {e.formLabel}
            </option>
          ))}
        </select>
      </label>
      <label>
        name
        <input aria-label="name" value={label} onChange={(e) => setLabel(e.target.value)} placeholder={`e.g. Main ${entry.name}`} maxLength={ACCOUNT_LABEL_MAX} {...described('label')} />
        {fieldProblem('label')}
      </label>
      <label>
        API key
        <input aria-label="API key" value={apiKey} onChange={(e) => setApiKey(e.target.value)} autoComplete="off" spellCheck={false} {...described('apiKey')} />
        {fieldProblem('apiKey')}
      </label>
      <label>
        API secret
        <input aria-label="API secret" type="password" value={apiSecret} onChange={(e) => setApiSecret(e.target.value)} autoComplete="off" {...described('apiSecret')} />
        {fieldProblem('apiSecret')}
      </label>
      <details>
        <summary>endpoints (optional)</summary>
        {/* Empty fields use the exchange's live hosts, shown as the placeholders. */}
        <label>
          REST URL
          <input value={rest} onChange={(e) => setRest(e.target.value)} placeholder={entry.endpoints.rest} data-testid="add-account-rest" />
        </label>
        <label>
          WebSocket URL
          <input value={ws} onChange={(e) => setWs(e.target.value)} placeholder={entry.endpoints.ws} data-testid="add-account-ws" />
        </label>
        {entry.endpointNote && (
          <p className="muted endpoint-note" data-testid="add-account-endpoint-note">
            {entry.endpointNote}
          </p>
        )}
        {fieldProblem('endpoints')}
      </details>
      {problems[''] && (
        <p className="error" role="alert" data-testid="add-account-problem">
          {problems['']}
        </p>
      )}
      {/* Sticky: the pane is short at 1280x720 and the button must not sit below its edge. */}
      <button type="submit" className="add-account-submit" disabled={busy} data-testid="add-account-submit">
        {busy ? 'Checking the key…' : 'Check and add'}
      </button>
    </form>
  );
}
