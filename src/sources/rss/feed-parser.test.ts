import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../errors.ts';
import { parseFeed } from './feed-parser.ts';

describe('parseFeed', () => {
  it('prefers content:encoded, resolves guid permalinks and relative links against the channel base', () => {
    const feed = parseFeed(
      `<rss xmlns:content="c"><channel xml:base="http://a.example/news/"><item><title>T</title><guid>http://a.example/p/1</guid>
       <description>short</description><content:encoded><![CDATA[<p>full</p>]]></content:encoded></item>
       <item><title>U</title><link>2.html</link></item></channel></rss>`,
      'http://feed.example/rss',
    );
    expect(feed.entries.map((e) => [e.link, e.html])).toEqual([
      ['http://a.example/p/1', '<p>full</p>'],
      ['http://a.example/news/2.html', ''],
    ]);
  });

  it('throws only SourceError (TF_ERR_SOURCE_PARSE) on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              '<rss>',
              '<channel>',
              '<item>',
              '</item>',
              '<title>',
              '<![CDATA[',
              ']]>',
              '&amp;',
              '<feed>',
              '<entry>',
              '<link href="x"/>',
            ),
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          try {
            const f = parseFeed(parts.join(''), 'http://feed.example/');
            expect(Array.isArray(f.entries)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(SourceError);
          }
        },
      ),
    );
  });
});
