import { canUseTotal, needsPrice, needsTrigger } from '../../lib/ticket';
import type { TicketFieldName, TicketState } from '../../state/ticket-state';

/** The input fields the ticket shows now (a violation on one of them is shown beside it). */
export function visibleFields(state: TicketState): TicketFieldName[] {
  const { fields } = state;
  const out: TicketFieldName[] = [fields.sizeMode === 'total' && canUseTotal(fields.side, fields.type) ? 'total' : 'quantity'];
  if (needsPrice(fields.type)) out.push('price');
  if (needsTrigger(fields.type)) out.push('triggerPrice');
  return out;
}

/** Problems show once the trader has acted on the field (typed, left, filled) or submitted. */
function shows(state: TicketState, field: TicketFieldName): boolean {
  return state.submitted || state.touched[field] === true;
}

/**
 * The messages beside a field: the ticket's own check first (a field that is not a number has
 * no rule to break yet), else every engine violation of it. Empty: nothing to say (yet).
 */
export function fieldProblems(state: TicketState, field: TicketFieldName): string[] {
  if (!shows(state, field)) return [];
  if (field === 'quantity' && state.percentProblem) return [state.percentProblem];
  const own = state.problems.find((p) => p.field === field)?.message;
  if (own) return [own];
  return (state.preview?.value?.violations ?? []).filter((v) => v.field === field).map((v) => v.message);
}

/** Violations with no field on screen (symbol, type, account…): listed once, in the preview. */
export function otherViolations(state: TicketState): { field: string; message: string }[] {
  const shown = new Set<string>(visibleFields(state));
  return (state.preview?.value?.violations ?? []).filter((v) => !shown.has(v.field));
}
