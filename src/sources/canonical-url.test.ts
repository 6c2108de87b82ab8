import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalUrl, contentHash, postKey } from './canonical-url.ts';

describe('canonicalUrl', () => {
  it('lower-cases the host, drops fragment, default port and tracking parameters, sorts the query', () => {
    expect(
      canonicalUrl('HTTP://Bbs.Example.GOV.cn:80/Thread?tid=9&utm_source=wx&spm=a.b&from=timeline&a=1#reply-3'),
    ).toBe('http://bbs.example.gov.cn/Thread?a=1&tid=9');
    expect(canonicalUrl('https://example.com/p?b=2&a=1&utm_medium=x')).toBe(
      canonicalUrl('https://EXAMPLE.com:443/p?a=1&b=2#top'),
    );
  });

  it('leaves non-http identities alone', () => {
    expect(canonicalUrl(' urn:tingfeng:manual:abc ')).toBe('urn:tingfeng:manual:abc');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (u) => {
        const c = canonicalUrl(u);
        expect(canonicalUrl(c)).toBe(c);
      }),
    );
  });
});

describe('contentHash / postKey', () => {
  it('ignores spacing and full-width differences', () => {
    expect(contentHash('城南路  积水\n严重', '标题')).toBe(contentHash(' 城南路 积水 严重 ', '标题'));
    expect(contentHash('ＡＢＣ１２３')).toBe(contentHash('ABC123'));
  });

  it('keys by canonical URL, else by content', () => {
    expect(postKey({ url: 'http://A.com/x#y', text: 't' })).toBe('http://a.com/x');
    expect(postKey({ text: '正文' })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
