import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecretKey } from './secret-key.ts';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'tf-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadOrCreateSecretKey', () => {
  it('generates a key once into <dataDir>/secret.key with mode 0600 and reuses it', () => {
    const dir = join(fresh(), 'data');
    const key = loadOrCreateSecretKey(dir);
    expect(key.length).toBeGreaterThanOrEqual(32);
    const file = join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(key);
    expect(loadOrCreateSecretKey(dir)).toBe(key);
    expect(loadOrCreateSecretKey(fresh())).not.toBe(key);
  });

  it('uses the configured key and writes nothing', () => {
    const dir = fresh();
    expect(loadOrCreateSecretKey(dir, 'configured-key-of-32-characters!')).toBe('configured-key-of-32-characters!');
    expect(() => statSync(join(dir, 'secret.key'))).toThrow();
  });

  it('refuses a key file that holds no usable key', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'secret.key'), 'short\n');
    expect(() => loadOrCreateSecretKey(dir)).toThrow(/TF_ERR_SECRET_KEY/);
  });
});
