import { describe, expect, it } from 'vitest';
import { assertPublicHost, isPrivateAddress } from './address-guard.ts';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    'not-an-ip',
  ])('%s is not public', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '114.114.114.114', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '240e:1::1'])(
    '%s is public',
    (ip) => {
      expect(isPrivateAddress(ip)).toBe(false);
    },
  );

  it('checks every address a name resolves to', async () => {
    await expect(assertPublicHost('a.example', async () => ['8.8.8.8', '192.168.1.10'])).rejects.toMatchObject({
      code: 'TF_ERR_FETCH_PRIVATE_ADDRESS',
    });
    await expect(assertPublicHost('b.example', async () => ['8.8.8.8'])).resolves.toBeUndefined();
    await expect(assertPublicHost('[::1]')).rejects.toMatchObject({ code: 'TF_ERR_FETCH_PRIVATE_ADDRESS' });
  });
});
