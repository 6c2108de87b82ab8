/**
 * Channel secrets at rest: AES-256-GCM with a key from the configuration (`TINGFENG_SECRET_KEY`, passed in —
 * this module never reads the environment). A key given as text is stretched with HKDF-SHA256; a 32-byte Buffer
 * is used as is. Sealed values look like `tfsb1.<base64url(iv ‖ tag ‖ ciphertext)>`; the optional `aad` (e.g.
 * the channel id) binds a secret to its row so it cannot be copied onto another one.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'tfsb1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  readonly code = 'TF_ERR_SECRET_BOX';
}

export interface SecretBox {
  seal(plaintext: string, aad?: string): string;
  open(sealed: string, aad?: string): string;
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

function deriveKey(key: string | Buffer): Buffer {
  if (Buffer.isBuffer(key)) {
    if (key.length !== 32) throw new SecretBoxError('a binary secret key must be exactly 32 bytes');
    return key;
  }
  if (key.length < 16) throw new SecretBoxError('the secret key must be at least 16 characters (TINGFENG_SECRET_KEY)');
  return Buffer.from(hkdfSync('sha256', Buffer.from(key, 'utf8'), 'tingfeng-secret-box', 'aes-256-gcm v1', 32));
}

export function createSecretBox(key: string | Buffer): SecretBox {
  const k = deriveKey(key);
  return {
    seal(plaintext, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
    },
    open(sealed, aad) {
      if (!isSealed(sealed)) throw new SecretBoxError('not a sealed secret (expected tfsb1.…)');
      const buf = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      if (buf.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('sealed secret is truncated');
      const decipher = createDecipheriv('aes-256-gcm', k, buf.subarray(0, IV_BYTES));
      decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
      try {
        return Buffer.concat([decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('cannot open the sealed secret: wrong key, wrong record or altered data');
      }
    },
  };
}

/**
 * Splits a channel config into what may be stored and shown (`publicConfig`, secret fields removed) and one
 * sealed string holding the secret fields as JSON.
 */
export function splitSecrets(
  config: Record<string, unknown>,
  secretFields: readonly string[],
  box: SecretBox,
  aad?: string,
): { publicConfig: Record<string, unknown>; sealed: string | null } {
  const publicConfig: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (secretFields.includes(k)) {
      if (v !== undefined) secrets[k] = v;
    } else publicConfig[k] = v;
  }
  return { publicConfig, sealed: Object.keys(secrets).length ? box.seal(JSON.stringify(secrets), aad) : null };
}

/** The inverse of `splitSecrets`. */
export function joinSecrets(
  publicConfig: Record<string, unknown>,
  sealed: string | null,
  box: SecretBox,
  aad?: string,
): Record<string, unknown> {
  if (!sealed) return { ...publicConfig };
  const secrets = JSON.parse(box.open(sealed, aad)) as unknown;
  if (!secrets || typeof secrets !== 'object' || Array.isArray(secrets)) throw new SecretBoxError('sealed secrets are not an object');
  return { ...publicConfig, ...(secrets as Record<string, unknown>) };
}
