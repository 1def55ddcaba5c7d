import { useState, type KeyboardEvent } from 'react';
import { ACTIONS, DEFAULT_KEYMAP, chordOf, describeChord, rebind, type ActionId, type KeyContext } from '../../lib/keymap';
import { app } from '../../state/app-state';
import { useStore } from '../../state/store';

const CONTEXT_TITLES: Record<KeyContext, string> = {
  global: 'Anywhere',
  ticket: 'In the ticket',
  price: 'In the price field',
  quantity: 'In the quantity field',
  orders: 'On an open order',
  chart: 'On the chart',
  overlay: 'In the palette or a dialog',
};

/**
 * Every binding, remappable: "Change" records the next key pressed (Esc stops recording
 * without changing anything). A chord another action in the same place already uses is refused.
 */
export function KeymapEditor() {
  const keymap = useStore(app, (s) => s.keymap);
  const [recording, setRecording] = useState<ActionId | undefined>();
  const [message, setMessage] = useState<{ level: 'error' | 'ok'; text: string } | undefined>();

  const stopRecording = () => {
    setRecording(undefined);
    app.set({ capturingKeys: false });
  };
  const record = (id: ActionId) => {
    setRecording(id);
    setMessage(undefined);
    app.set({ capturingKeys: true });
  };
  const onRecordKey = (id: ActionId, event: KeyboardEvent<HTMLButtonElement>) => {
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape') return stopRecording();
    const chord = chordOf(event.nativeEvent);
    if (!chord) return; // a lone modifier: wait for the key
    const result = rebind(app.get().keymap, id, chord);
    if (result.ok) {
      app.set({ keymap: result.keymap });
      setMessage({ level: 'ok', text: `${ACTIONS.find((a) => a.id === id)!.label}: ${describeChord(chord)}` });
    } else {
      setMessage({ level: 'error', text: result.message });
    }
    stopRecording();
  };
  const set = (id: ActionId, chord: string) => {
    const result = rebind(app.get().keymap, id, chord);
    if (result.ok) app.set({ keymap: result.keymap });
    else setMessage({ level: 'error', text: result.message });
  };

  const contexts = [...new Set(ACTIONS.map((a) => a.context))];
  return (
    <section className="settings-section" aria-label="Keymap">
      <h3>Keymap</h3>
      {message && (
        <p className={message.level} role="status" data-testid="keymap-message">
          {message.text}
        </p>
      )}
      {contexts.map((context) => (
        <table key={context} className="grid keymap">
          <caption>{CONTEXT_TITLES[context]}</caption>
          <tbody>
            {ACTIONS.filter((a) => a.context === context).map((action) => (
              <tr key={action.id} data-testid={`keymap-${action.id}`}>
                <td>{action.label}</td>
                <td>
                  <kbd data-testid="chord">{describeChord(keymap[action.id])}</kbd>
                </td>
                <td className="actions">
                  {recording === action.id ? (
                    <button type="button" autoFocus className="recording" onKeyDown={(e) => onRecordKey(action.id, e)} onBlur={stopRecording} data-testid="record">
                      press a key… (Esc stops)
                    </button>
                  ) : (
                    <button type="button" onClick={() => record(action.id)} data-testid="change">
                      Change
                    </button>
                  )}
                  <button type="button" onClick={() => set(action.id, '')} disabled={keymap[action.id] === ''}>
                    Unbind
                  </button>
                  <button type="button" onClick={() => set(action.id, DEFAULT_KEYMAP[action.id])} disabled={keymap[action.id] === DEFAULT_KEYMAP[action.id]}>
                    Default
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <button type="button" onClick={() => app.set({ keymap: DEFAULT_KEYMAP })}>
        Reset every key to its default
      </button>
    </section>
  );
}
