import { WireError } from './wire-decimal';

/**
 * JSON from an exchange, with its nesting bounded before V8 parses it (issue 12). Parsing
 * `[[[…]]]` a million deep costs V8 far more than its 2 MB suggest (650 ms per frame measured,
 * super-linear in the depth) and a frame of it arrived several times a second. No reply or
 * frame of either spec nests deeper than a handful of levels (specs/cryptocom-v1.md §5-§6,
 * specs/icrypex.md §7-§8), so one O(length) pass over the text refuses anything deeper than
 * WIRE_JSON_MAX_DEPTH before any parser or walker sees it.
 */
export const WIRE_JSON_MAX_DEPTH = 32;

/** The deepest nesting of `[`/`{` in `text` outside strings, stopping as soon as it passes `limit`. */
export function jsonDepthExceeds(text: string, limit = WIRE_JSON_MAX_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/** JSON.parse for exchange text: WireError naming `what` when nested too deep or not JSON. */
export function parseWireJson(text: string, what: string): unknown {
  if (jsonDepthExceeds(text)) throw new WireError(what, `nested deeper than ${WIRE_JSON_MAX_DEPTH} levels`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WireError(what, 'not valid JSON');
  }
}
