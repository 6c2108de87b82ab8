import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { splitHighlight, normalizeTerms } from './highlight-split.ts';
import { Highlight } from './highlight.tsx';

describe('splitHighlight', () => {
  it('wraps every occurrence of each term, case-insensitively', () => {
    expect(splitHighlight('道路积水，Road flooded; road closed', ['积水', 'ROAD'])).toEqual([
      { text: '道路', match: false },
      { text: '积水', match: true },
      { text: '，', match: false },
      { text: 'Road', match: true },
      { text: ' flooded; ', match: false },
      { text: 'road', match: true },
      { text: ' closed', match: false },
    ]);
  });
  it('prefers the longest term at a position', () => {
    expect(splitHighlight('城管执法局', ['城管', '城管执法'])).toEqual([
      { text: '城管执法', match: true },
      { text: '局', match: false },
    ]);
  });
  it('treats regex metacharacters in terms literally', () => {
    expect(splitHighlight('a.b a+b (x)', ['a+b', '(x)', '.'])).toEqual([
      { text: 'a', match: false },
      { text: '.', match: true },
      { text: 'b ', match: false },
      { text: 'a+b', match: true },
      { text: ' ', match: false },
      { text: '(x)', match: true },
    ]);
  });
  it('ignores blank and duplicate terms', () => {
    expect(normalizeTerms([' ', '', 'abc', 'ABC', ' ab '])).toEqual(['abc', 'ab']);
    expect(splitHighlight('text', ['', '  '])).toEqual([{ text: 'text', match: false }]);
    expect(splitHighlight('', ['a'])).toEqual([]);
  });
  it('property: segments concatenate back to the text, and no segment is empty', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.array(fc.string({ maxLength: 4 }), { maxLength: 5 }),
        (text, terms) => {
          const segs = splitHighlight(text, terms);
          expect(segs.map((s) => s.text).join('')).toBe(text);
          for (const s of segs) expect(s.text.length).toBeGreaterThan(0);
        },
      ),
    );
  });
  it('property: every matching segment equals some term, ignoring case', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        (text, terms) => {
          const lower = normalizeTerms(terms).map((x) => x.toLowerCase());
          for (const s of splitHighlight(text, terms).filter((x) => x.match))
            expect(lower).toContain(s.text.toLowerCase());
        },
      ),
    );
  });
});

describe('<Highlight>', () => {
  it('renders markup payloads in the text as inert text, with matches in <mark>', () => {
    const text = '<img src=x onerror=alert(1)> 积水 <script>alert(2)</script> <a href="javascript:alert(3)">x</a>';
    const html = renderToStaticMarkup(<Highlight text={text} terms={['积水', 'script']} />);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<a ');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<mark>积水</mark>');
    expect(html).toContain('<span> &lt;</span><mark>script</mark><span>&gt;alert(2)&lt;/</span>');
  });
  it('renders a term that looks like markup as text too', () => {
    const html = renderToStaticMarkup(<Highlight text="a <b> c" terms={['<b>']} />);
    expect(html).toBe('<span><span>a </span><mark>&lt;b&gt;</mark><span> c</span></span>');
  });
});
