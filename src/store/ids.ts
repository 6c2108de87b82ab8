import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(buf: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of buf) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Random bytes drawn 4 KiB at a time (one call into the system's generator per ~400 ids, not one per id). */
let pool = Buffer.alloc(0);
let used = 0;
function random10(): Uint8Array {
  if (used + 10 > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  used += 10;
  return pool.subarray(used - 10, used);
}

/** A new time-ordered random id: prefix + 10 chars of time + 16 random chars. */
export function newId(prefix: string, now = Date.now()): string {
  const t = Buffer.alloc(6);
  t.writeUIntBE(now, 0, 6);
  return `${prefix}_${base32(t)}${base32(random10())}`;
}

/** A deterministic id from a natural key: the same key always gives the same id (idempotent ingest). */
export function stableId(prefix: string, key: string): string {
  return `${prefix}_${base32(createHash('sha256').update(key).digest().subarray(0, 15))}`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
