import { describe, expect, it } from 'vitest';
import { connectorKinds, describeConnectors, parseSourceConfig } from './index.ts';

describe('connector registry', () => {
  it('describes every kind with a JSON Schema the dashboard can draw a form from', () => {
    const d = describeConnectors();
    expect(d.map((x) => x.kind)).toEqual(connectorKinds);
    for (const c of d) {
      expect(c.schema['type']).toBe('object');
      expect(Object.keys(c.schema['properties'] as object)).toContain('internal');
      expect(c.title.length).toBeGreaterThan(0);
    }
    const web = d.find((x) => x.kind === 'web-page');
    expect((web?.schema['required'] as string[]).sort()).toEqual(['list', 'url']);
  });

  it('validates settings and names the wrong field', () => {
    expect(parseSourceConfig('rss', { url: 'https://example.gov.cn/rss.xml' }).config).toMatchObject({
      internal: false,
      ignore_robots: false,
      timezone: 'Asia/Shanghai',
    });
    expect(() => parseSourceConfig('rss', { url: 'ftp://x' })).toThrow(/url/);
    expect(() => parseSourceConfig('rss', { url: 'https://x.example/', detial: {} })).toThrow(/detial/);
    expect(() => parseSourceConfig('rss', { url: 'https://x.example/', timezone: 'Mars/Olympus' })).toThrow(/timezone/);
    expect(() => parseSourceConfig('telepathy', {})).toThrow(/unknown source kind/);
  });
});
