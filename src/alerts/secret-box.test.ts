import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dingtalkChannel } from './channels/dingtalk.ts';
import { createSecretBox, isSealed, joinSecrets, SecretBoxError, splitSecrets } from './secret-box.ts';

const box = createSecretBox('a-long-enough-office-secret-key');

describe('secret box (AES-256-GCM)', () => {
  it('round-trips any text and never repeats a ciphertext (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), (s, aad) => {
        const a = box.seal(s, aad);
        expect(isSealed(a)).toBe(true);
        expect(box.open(a, aad)).toBe(s);
        expect(box.seal(s, aad)).not.toBe(a);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a wrong key, a wrong record, altered bytes and short keys', () => {
    const sealed = box.seal('SECabc', 'channel-1');
    expect(() => createSecretBox('another-office-secret-key').open(sealed, 'channel-1')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'channel-2')).toThrow(/wrong key, wrong record/);
    const bytes = Buffer.from(sealed.slice(6), 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => box.open(`tfsb1.${bytes.toString('base64url')}`, 'channel-1')).toThrow(SecretBoxError);
    expect(() => box.open('plain', 'channel-1')).toThrow(/not a sealed secret/);
    expect(() => createSecretBox('short')).toThrow(/at least 16/);
    expect(() => createSecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
    expect(createSecretBox(Buffer.alloc(32, 7)).open(createSecretBox(Buffer.alloc(32, 7)).seal('x'))).toBe('x');
  });

  it('keeps a channel’s secret fields out of the stored config', () => {
    const config = { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=tok', secret: 'SECxyz', msgtype: 'markdown' };
    const { publicConfig, sealed } = splitSecrets(config, dingtalkChannel.secretFields, box, 'ch-1');
    expect(publicConfig).toEqual({ msgtype: 'markdown' });
    expect(sealed).not.toContain('tok');
    expect(sealed).not.toContain('SECxyz');
    expect(joinSecrets(publicConfig, sealed, box, 'ch-1')).toEqual(config);
    expect(splitSecrets({ msgtype: 'text' }, ['secret'], box).sealed).toBeNull();
  });
});
