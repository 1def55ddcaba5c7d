/**
 * Form messages in the user's words (issue 11, point 15): one message per field, shown under
 * it, without the channel names and schema paths the engine's errors carry for logs.
 */

export interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** The first message for each top-level field of a failed schema check. */
export function messagesByField(issues: readonly Issue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.length ? String(issue.path[0]) : '';
    if (!(field in out)) out[field] = issue.message;
  }
  return out;
}

/**
 * An engine error as a form shows it. A VALIDATION error reads `accounts:add: label: give
 * the account a name; apiKey: …`: the channel prefix goes, and the part about `field` is kept.
 */
export function formMessage(error: { message: string; field?: string }): { field?: string; message: string } {
  const text = error.message.replace(/^[a-z]+:[a-z-]+:\s*/i, '');
  if (!error.field) return { message: text };
  const top = error.field.split('.')[0]!;
  const parts = text.split(/;\s+(?=[A-Za-z0-9_.]+:\s)/);
  const mine = parts.find((p) => p.startsWith(`${error.field}: `) || p.startsWith(`${top}: `) || p.startsWith(`${top}.`));
  const message = (mine ?? parts[0] ?? text).replace(/^[A-Za-z0-9_.]+:\s*/, '');
  return { field: top, message };
}
