import log from 'electron-log/node';
import { join } from 'node:path';

/**
 * The log file (issue 15, must-have 3). A packaged app started from the desktop has no console:
 * every line also goes to `<data folder>/logs/<name>.log`, something a trader can attach to a
 * bug report (Help → Show Logs opens the folder). electron-log's Node entry writes it: the same
 * code in the Electron main process and in the plain-Node browser host. Its file transport
 * writes synchronously (a line logged just before a crash is on disk) and rotates by size,
 * keeping one older file (`<name>.old.log`).
 *
 * Redaction: the engine never logs a secret (keys are read, used to sign and dropped, SECURITY.md),
 * and what an exchange echoes back is redacted by the service that knows the secret
 * (`redact()`, src/main/accounts/service.ts). This file adds a last net for what no service
 * knows: `key=value` / `"key": "value"` pairs whose name says secret, Authorization headers, and
 * the browser host's session token in its URL.
 */

export interface FileLogOptions {
  /** The app's data folder; the file goes to its `logs/` sub-folder. */
  dataDir: string;
  /** File name without extension: `main` (Electron) or `browser-host`. */
  name: string;
  /** Bytes before the file is rotated. Default 5 MiB. */
  maxBytes?: number;
  /** Also print to the console (development, the browser host's terminal). Default true. */
  echo?: boolean;
}

export interface FileLog {
  /** One line, info level. Never throws. */
  write(line: string): void;
  /** A failure line (error level). Never throws. */
  error(line: string): void;
  readonly file: string;
  readonly dir: string;
}

const SECRET_NAMES = 'api[_-]?key|api[_-]?secret|apikey|secret|signature|sig|password|passphrase|token|private[_-]?key';
const RULES: ReadonlyArray<[RegExp, string]> = [
  // "apiSecret": "…" (JSON) and apiSecret=… / api_key: … (query strings, text).
  [new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)"[^"]*"`, 'gi'), '$1"[redacted]"'],
  [new RegExp(`\\b((?:${SECRET_NAMES})\\s*[=:]\\s*)[^\\s&"',;)}\\]]+`, 'gi'), '$1[redacted]'],
  [/\b(authorization\s*:\s*)(?:bearer\s+|basic\s+)?\S+/gi, '$1[redacted]'],
  [/(#token=)[^\s&]+/gi, '$1[redacted]'],
];

/** Removes what looks like a secret from one log line (the rules above). */
export function redactLine(line: string): string {
  let out = line;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

let instances = 0;

export function createFileLog(options: FileLogOptions): FileLog {
  const dir = join(options.dataDir, 'logs');
  const file = join(dir, `${options.name}.log`);
  const logger = log.create({ logId: `terminal-${options.name}-${++instances}` });
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.maxSize = options.maxBytes ?? 5 * 1024 * 1024;
  // The trader's own folder; the lines name accounts and orders.
  logger.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  logger.transports.file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  logger.transports.console.level = options.echo === false ? false : 'silly';
  logger.transports.console.format = '{text}';
  logger.hooks.push((message) => ({ ...message, data: message.data.map((part) => (typeof part === 'string' ? redactLine(part) : part)) }));
  const safely = (level: 'info' | 'error', line: string) => {
    try {
      logger[level](String(line));
    } catch {
      // A full disk must not take the terminal down with it.
    }
  };
  return { write: (line) => safely('info', line), error: (line) => safely('error', line), file, dir };
}
