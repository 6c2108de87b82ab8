import { describe, expect, it } from 'vitest';
import { fontSizes, layoutCloud, type CloudWord, type PlacedWord } from './word-cloud-layout.ts';

/** CJK-like widths: one em per character. */
const measure = (text: string, size: number) => [...text].length * size;
/** Keywords as the overview has them: two to four characters, weights falling off like summed TF-IDF. */
const words = (n: number): CloudWord[] =>
  Array.from({ length: n }, (_, i) => ({
    text: `停水道路学校医院${i}`.slice(i % 5, (i % 5) + 2 + (i % 3)),
    weight: 100 / (i + 1),
  }));

function check(placed: (PlacedWord | null)[], width: number, height: number) {
  const boxes = placed.filter((p): p is PlacedWord => p !== null);
  for (const b of boxes) {
    expect(b.x - b.width / 2).toBeGreaterThanOrEqual(-0.5);
    expect(b.y - b.height / 2).toBeGreaterThanOrEqual(-0.5);
    expect(b.x + b.width / 2).toBeLessThanOrEqual(width + 0.5);
    expect(b.y + b.height / 2).toBeLessThanOrEqual(height + 0.5);
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const apart =
        Math.abs(a.x - b.x) >= (a.width + b.width) / 2 - 1 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2 - 1;
      expect(apart, `${a.text} / ${b.text}`).toBe(true);
    }
  return boxes;
}

describe('word cloud layout', () => {
  it('sizes fonts linearly in the weight, the heaviest word largest', () => {
    expect(
      fontSizes(
        [
          { text: 'a', weight: 10 },
          { text: 'b', weight: 5 },
          { text: 'c', weight: 0 },
        ],
        [10, 30],
      ),
    ).toEqual([30, 20, 10]);
    expect(
      fontSizes(
        [
          { text: 'a', weight: 3 },
          { text: 'b', weight: 3 },
        ],
        [10, 30],
      ),
    ).toEqual([30, 30]);
  });

  it('places 40 words in an overview panel without overlaps, inside the panel, the heaviest in the middle', () => {
    const placed = layoutCloud(words(40), 420, 280, measure);
    const boxes = check(placed, 420, 280);
    expect(boxes.length).toBeGreaterThanOrEqual(36);
    expect(placed[0]).toMatchObject({ index: 0, x: 210, y: 140, fontSize: 40 });
  });

  it('leaves out what cannot fit, and keeps narrow and wide panels tidy', () => {
    const tiny = layoutCloud(
      [
        { text: '非常非常长的一个关键词', weight: 1 },
        { text: '短', weight: 1 },
      ],
      120,
      60,
      measure,
    );
    expect(tiny[0]).toBeNull();
    expect(tiny[1]).not.toBeNull();
    check(layoutCloud(words(40), 300, 300, measure), 300, 300);
    check(layoutCloud(words(40), 900, 300, measure), 900, 300);
    expect(layoutCloud(words(3), 0, 0, measure)).toEqual([null, null, null]);
  });

  it('is deterministic, and quick enough for the first paint', () => {
    const t = performance.now();
    const a = layoutCloud(words(40), 420, 280, measure);
    expect(performance.now() - t).toBeLessThan(100);
    expect(layoutCloud(words(40), 420, 280, measure)).toEqual(a);
  });
});
