import { useState } from 'react';
import { ACCOUNT_LABEL_MAX, RenameAccountRequest, type Account } from '../../../../shared';
import { formMessage, messagesByField } from '../../lib/form-errors';
import { Pane } from '../../components/Pane';
import { describeChord, type ActionId } from '../../lib/keymap';
import { switchAccount } from '../../state/actions';
import { app, notify } from '../../state/app-state';
import { shallowEqual, useStore } from '../../state/store';
import { AddAccountForm } from './AddAccountForm';

function AccountRow({ account, index, active, switchKey }: { account: Account; index: number; active: boolean; switchKey: string }) {
  const [renaming, setRenaming] = useState<string | undefined>();
  const [renameProblem, setRenameProblem] = useState<string | undefined>();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [busy, setBusy] = useState(false);

  const test = async () => {
    setBusy(true);
    const result = await window.terminal.accounts.test({ accountId: account.id });
    setBusy(false);
    notify(result.ok ? 'ok' : 'error', result.ok ? `${account.label}: key works (${Math.round(result.value.latencyMs)} ms)` : `${account.label}: ${result.error.message}`);
  };
  const rename = async (label: string) => {
    // The same name rule as the add form (the contract's), said beside the input.
    const checked = RenameAccountRequest.safeParse({ accountId: account.id, label });
    if (!checked.success) return setRenameProblem(messagesByField(checked.error.issues)['label'] ?? checked.error.issues[0]?.message);
    const result = await window.terminal.accounts.rename({ accountId: account.id, label });
    if (!result.ok) return setRenameProblem(formMessage(result.error).message);
    setRenaming(undefined);
    setRenameProblem(undefined);
    notify('ok', `renamed to ${result.value.label}`);
  };
  const remove = async () => {
    setConfirmRemove(false);
    const result = await window.terminal.accounts.remove({ accountId: account.id });
    notify(result.ok ? 'ok' : 'error', result.ok ? `${account.label} removed (its key is deleted from the keychain)` : `remove: ${result.error.message}`);
  };

  return (
    <li className={`account${active ? ' is-active' : ''}`} data-testid="account" data-account-id={account.id}>
      <button type="button" className="account-pick" onClick={() => switchAccount(account.id)} aria-pressed={active} title={`${switchKey} switches to this account`}>
        <kbd>{switchKey}</kbd>
        {renaming === undefined ? <span className="account-label" title={account.label}>{account.label}</span> : null}
      </button>
      {renaming !== undefined && (
        <input
          aria-label={`New name for ${account.label}`}
          autoFocus
          value={renaming}
          maxLength={ACCOUNT_LABEL_MAX}
          aria-invalid={renameProblem ? true : undefined}
          aria-describedby={renameProblem ? `rename-${account.id}-problem` : undefined}
          data-testid="rename-input"
          onChange={(e) => {
            setRenaming(e.target.value);
            setRenameProblem(undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void rename(renaming);
          }}
          onBlur={() => {
            setRenaming(undefined);
            setRenameProblem(undefined);
          }}
        />
      )}
      {renaming !== undefined && renameProblem && (
        <span className="field-problem rename-problem" id={`rename-${account.id}-problem`} data-testid="rename-problem" role="alert">
          {renameProblem}
        </span>
      )}
      <span className="account-exchange">{account.exchange}</span>
      {account.mode === 'demo' && <span className="badge badge-demo">DEMO</span>}
      <span className="account-key" title="Only the key's last 4 characters are ever shown">
        key ••••{account.keyLast4}
      </span>
      <span className="account-actions">
        <button type="button" onClick={() => void test()} disabled={busy}>
          {busy ? 'Testing…' : 'Test'}
        </button>
        <button type="button" onClick={() => setRenaming(account.label)}>
          Rename
        </button>
        {confirmRemove ? (
          <>
            <button type="button" className="danger" onClick={() => void remove()} autoFocus>
              Remove {account.label}?
            </button>
            <button type="button" onClick={() => setConfirmRemove(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirmRemove(true)}>
            Remove
          </button>
        )}
      </span>
      <span className="sr-only">account {index + 1}</span>
    </li>
  );
}

/** Accounts: switch, add, test, rename, remove. Keys are only ever shown as their last 4 characters. */
export function AccountsPane() {
  const [adding, setAdding] = useState(false);
  const { accounts, activeAccountId, loaded, keymap, problems } = useStore(
    app,
    (s) => ({ accounts: s.accounts, activeAccountId: s.activeAccountId, loaded: s.accountsLoaded, keymap: s.keymap, problems: s.problems }),
    shallowEqual,
  );
  return (
    <Pane
      id="accounts"
      tools={
        <button type="button" onClick={() => setAdding((a) => !a)} aria-expanded={adding} data-testid="add-account-toggle">
          {adding ? 'Close' : 'Add account'}
        </button>
      }
    >
      <div className="accounts" tabIndex={-1}>
        {problems.length > 0 && (
          <ul className="startup-problems" role="alert" data-testid="startup-problems">
            {problems.map((p, i) => (
              <li key={i} className="error">
                {p.message}
              </li>
            ))}
          </ul>
        )}
        {adding && <AddAccountForm onDone={() => setAdding(false)} />}
        <ul className="account-list" data-pane-primary tabIndex={-1}>
          {accounts.map((account, i) => (
            <AccountRow
              key={account.id}
              account={account}
              index={i}
              active={account.id === activeAccountId}
              switchKey={i < 9 ? describeChord(keymap[`account.switch-${i + 1}` as ActionId]) : ''}
            />
          ))}
        </ul>
        {loaded && accounts.length === 0 && <p className="muted">No accounts. Add one with an API key and secret.</p>}
      </div>
    </Pane>
  );
}
