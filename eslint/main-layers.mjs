import { dirname, relative, resolve, sep } from 'node:path';

/**
 * Layering inside src/main, in the style of VS Code's layering rule: the folders stand in
 * layers, and a folder may import from the folders of the layers below it, never from its own
 * layer's siblings or from above. Listed bottom up; see docs/architecture.md "Layers".
 */
export const MAIN_LAYERS = [
  ['book', 'ipc', 'net', 'storage'],
  ['secrets', 'settings'],
  ['exchanges'],
  ['accounts', 'market'],
  ['trading'],
  ['engine'],
];

/**
 * The simulators stand apart: they may use the networking helpers only (a simulator that
 * shared code with the connector it tests would hide the connector's mistakes), and only the
 * engine (demo mode) starts them.
 */
const SIM = { folder: 'sim', may: ['net'], usedBy: ['engine'] };

/** Folder -> the folders it may import from. Files directly in src/main (the shell) are above all. */
function allowedMap() {
  const allowed = new Map();
  const below = [];
  for (const layer of MAIN_LAYERS) {
    for (const folder of layer) allowed.set(folder, new Set([...below, ...(SIM.usedBy.includes(folder) ? [SIM.folder] : [])]));
    below.push(...layer);
  }
  allowed.set(SIM.folder, new Set(SIM.may));
  return allowed;
}

const ALLOWED = allowedMap();

/** `src/main/<folder>/…` of a path, or undefined outside src/main; `''` for a file directly in src/main. */
function mainFolder(cwd, file) {
  const rel = relative(resolve(cwd, 'src/main'), file);
  if (rel.startsWith('..') || rel === '') return undefined;
  const parts = rel.split(sep);
  // `../secrets` names the folder (its index.ts); `../window` a shell file.
  return parts.length === 1 && !ALLOWED.has(parts[0]) ? '' : parts[0];
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder of src/main imports only from the layers below it.' },
    schema: [{ type: 'object', properties: { except: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: {
      upward: 'src/main/{{from}} may not import src/main/{{to}}: {{why}}.',
    },
  },
  create(context) {
    const cwd = context.cwd;
    const file = context.filename;
    const from = mainFolder(cwd, file);
    if (from === undefined || from === '') return {};
    const allowed = ALLOWED.get(from);
    if (!allowed) return {};
    /** Exact `folder/file` targets this file may still import (commented exceptions in the config). */
    const except = new Set(context.options[0]?.except ?? []);
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(file), source);
      const to = mainFolder(cwd, target);
      if (to === undefined || to === from || allowed.has(to)) return;
      const targetRel = relative(resolve(cwd, 'src/main'), target).split(sep).join('/');
      if (except.has(targetRel)) return;
      const why =
        from === SIM.folder
          ? 'a simulator uses net only, never the app it stands in for'
          : to === SIM.folder
            ? 'only the engine starts the simulators'
            : to === ''
              ? 'only the shell (the files directly in src/main) uses it'
              : `a folder imports only from the layers below its own (${MAIN_LAYERS.map((l) => l.join(' ')).join(' < ')})`;
      context.report({ node, messageId: 'upward', data: { from, to: to === '' ? targetRel : to, why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { 'main-layers': rule } };
