import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The ways a secret could show up in text: as is, URL-encoded, base64 of it, and its hex. */
export function secretForms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')])];
}

/** Every file under `dir`, recursively, with its bytes as latin1 text (so binary files are scanned too). */
export function filesUnder(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push({ path, text: readFileSync(path).toString('latin1') });
  }
  return out;
}

/** Names of the places (`where`) whose text contains any form of any secret. */
export function findLeaks(secrets: readonly string[], places: ReadonlyArray<{ where: string; text: string }>): string[] {
  const forms = secrets.flatMap(secretForms);
  return places.filter((p) => forms.some((f) => p.text.includes(f))).map((p) => p.where);
}
