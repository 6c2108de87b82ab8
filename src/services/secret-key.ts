/**
 * The key that seals channel secrets at rest: `TINGFENG_SECRET_KEY` when configured, else a random key generated
 * once into `<dataDir>/secret.key` (mode 0600) and reused on every start. Losing that file makes the stored
 * channel secrets unreadable (re-enter them); never commit or log it.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_KEY_FILE = 'secret.key';

export function loadOrCreateSecretKey(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = join(dataDir, SECRET_KEY_FILE);
  try {
    return readKey(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  try {
    // 'wx': never overwrite a key another process wrote meanwhile.
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readKey(file);
    throw err;
  }
}

function readKey(file: string): string {
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 16)
    throw new Error(
      `TF_ERR_SECRET_KEY: ${file} holds no usable key (at least 16 characters); restore it or set TINGFENG_SECRET_KEY`,
    );
  return key;
}
