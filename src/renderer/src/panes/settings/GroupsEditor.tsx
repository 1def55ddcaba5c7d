import { useState } from 'react';
import { memberAmount, type AccountGroup } from '../../../../shared';
import { formFromGroup, groupFromForm, type GroupForm } from '../../lib/group-form';
import { saveRisk } from '../../state/actions';
import { accountLabel, app } from '../../state/app-state';
import { shallowEqual, useStore } from '../../state/store';

const EMPTY: GroupForm = { name: '', split: 'weights', amounts: {} };

/**
 * Account groups (issue 13 #2): named sets of accounts with a weight or a default size each,
 * saved by the engine with the settings and used by the ticket and `on group <name>`.
 */
export function GroupsEditor() {
  const { accounts, groups } = useStore(app, (s) => ({ accounts: s.accounts, groups: s.risk?.accountGroups }), shallowEqual);
  const [form, setForm] = useState<GroupForm>(EMPTY);
  /** The name of the group being edited (it is replaced on save). */
  const [editing, setEditing] = useState<string | undefined>();
  const [problem, setProblem] = useState<{ field: string; message: string } | undefined>();
  if (!groups) return null;

  const save = async () => {
    const others = groups.filter((g) => g.name !== editing);
    const made = groupFromForm(form, accounts, others);
    if (!made.ok) return setProblem(made);
    const at = editing === undefined ? -1 : groups.findIndex((g) => g.name === editing);
    const next = at < 0 ? [...groups, made.group] : groups.map((g, i) => (i === at ? made.group : g));
    const refused = await saveRisk({ accountGroups: next });
    if (refused) return setProblem({ field: 'save', message: refused });
    setProblem(undefined);
    setForm(EMPTY);
    setEditing(undefined);
  };
  const remove = async (group: AccountGroup) => {
    const refused = await saveRisk({ accountGroups: groups.filter((g) => g !== group) });
    setProblem(refused ? { field: 'save', message: refused } : undefined);
  };
  const what = form.split === 'weights' ? 'weight' : 'size';

  return (
    <section className="settings-section" aria-label="Account groups" data-testid="groups-editor">
      <h3>Account groups</h3>
      <p className="muted">A basket on a group sends to each of its accounts: by weights, the size is split between them; by sizes, each sends its default size. Use it in the ticket, or type <code>buy 0.03 btcusdt @ 87000 on group main-desk</code>.</p>
      {groups.length > 0 && (
        <table className="grid" data-testid="groups">
          <tbody>
            {groups.map((g) => (
              <tr key={g.name} data-testid="group-row" data-group={g.name}>
                <td>{g.name}</td>
                <td>by {g.split}</td>
                <td>{g.members.map((m) => `${accountLabel(accounts, m.accountId)} ${g.split === 'weights' ? '×' : ''}${memberAmount(m)}`).join(' · ')}</td>
                <td>
                  <button type="button" onClick={() => (setEditing(g.name), setForm(formFromGroup(g)), setProblem(undefined))}>
                    Edit
                  </button>
                  <button type="button" onClick={() => void remove(g)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="group-form" data-testid="group-form">
        <label>
          {editing === undefined ? 'New group' : `Edit ${editing}:`} name
          <input value={form.name} aria-invalid={problem?.field === 'name' || undefined} onChange={(e) => setForm({ ...form, name: e.target.value })} data-testid="group-name" placeholder="main-desk" />
        </label>
        <label>
          split by
          <select value={form.split} onChange={(e) => setForm({ ...form, split: e.target.value as GroupForm['split'] })} data-testid="group-split">
            <option value="weights">weights (the size is shared out)</option>
            <option value="sizes">default sizes (base quantity each)</option>
          </select>
        </label>
        {accounts.map((a) => (
          <label key={a.id}>
            {a.label} {what}
            <input
              inputMode="decimal"
              size={8}
              placeholder="not in it"
              aria-invalid={problem?.field === a.id || undefined}
              value={form.amounts[a.id] ?? ''}
              onChange={(e) => setForm({ ...form, amounts: { ...form.amounts, [a.id]: e.target.value } })}
              data-testid={`group-amount-${a.id}`}
            />
          </label>
        ))}
        <div>
          <button type="button" onClick={() => void save()} data-testid="group-save">
            {editing === undefined ? 'Add group' : 'Save group'}
          </button>
          {editing !== undefined && (
            <button type="button" onClick={() => (setEditing(undefined), setForm(EMPTY), setProblem(undefined))}>
              Stop editing
            </button>
          )}
        </div>
      </div>
      {problem && (
        <p className="error" role="alert" data-testid="group-problem">
          {problem.message}
        </p>
      )}
    </section>
  );
}
