// Lays out a word cloud: each word's box (its measured text width, its font size) goes on an elliptic spiral out
// from the centre, at the first place where it overlaps no box placed before and stays inside the panel; heavier
// words first, so they sit in the middle. Boxes from measured widths, not pixels: echarts-wordcloud drew every word
// on a canvas of its own and read the pixels back, which made the cloud the costliest chart of the overview's
// first load (~0.2 s of the main thread for 40 words). Deterministic: the same words in the same panel always land
// in the same places, so a refreshed wall screen does not shuffle.

export interface CloudWord {
  text: string;
  weight: number;
}

export interface PlacedWord {
  /** Index of the word in the input. */
  index: number;
  text: string;
  /** Centre of the word, px from the panel's top left. */
  x: number;
  y: number;
  fontSize: number;
  width: number;
  height: number;
}

/** Width in px of `text` at `fontSize` px. */
export type MeasureText = (text: string, fontSize: number) => number;

export interface CloudOptions {
  /** Font sizes for the lightest and the heaviest word, px. */
  sizeRange?: [number, number];
  /** Space kept around each word, px. */
  gap?: number;
}

/** Font size per word: linear in the weight between the lightest and the heaviest word (as echarts-wordcloud). */
export function fontSizes(words: readonly CloudWord[], [min, max]: [number, number]): number[] {
  const ws = words.map((w) => w.weight);
  const lo = Math.min(...ws);
  const hi = Math.max(...ws);
  return words.map((w) => (hi > lo ? Math.round(min + ((w.weight - lo) / (hi - lo)) * (max - min)) : max));
}

/** Points of the spiral, about 3 px apart, stretched to the panel's shape, until it has left the panel. */
function spiral(width: number, height: number): Float64Array {
  const cx = width / 2;
  const cy = height / 2;
  const ratio = height > 0 ? width / height : 1;
  const sx = Math.max(ratio, 1);
  const sy = Math.max(1 / ratio, 1);
  const maxR = Math.hypot(cx / sx, cy / sy) + 1;
  const out: number[] = [];
  for (let t = 0, r = 0; r <= maxR; t += Math.min(0.5, 3 / Math.max(r, 1)), r = 2.2 * t) {
    const x = cx + r * Math.cos(t) * sx;
    const y = cy + r * Math.sin(t) * sy;
    if (x >= 0 && y >= 0 && x <= width && y <= height) out.push(x, y);
  }
  return Float64Array.from(out);
}

/**
 * Places the words (in the order given: pass them heaviest first) in a `width` × `height` panel. A word that finds
 * no free place inside the panel is left out (null), as echarts-wordcloud's drawOutOfBound: false did.
 */
export function layoutCloud(
  words: readonly CloudWord[],
  width: number,
  height: number,
  measure: MeasureText,
  options: CloudOptions = {},
): (PlacedWord | null)[] {
  const sizes = fontSizes(words, options.sizeRange ?? [13, 40]);
  const gap = options.gap ?? 2;
  const points = spiral(width, height);
  // placed boxes as x0, y0, x1, y1
  const boxes: number[] = [];
  // a box at least as large as one that found no place finds none either (the panel only fills up)
  const failed: { w: number; h: number }[] = [];
  return words.map((word, index) => {
    const fontSize = sizes[index]!;
    const w = Math.ceil(measure(word.text, fontSize)) + gap * 2;
    const h = Math.ceil(fontSize * 1.15) + gap * 2;
    if (w > width || h > height || failed.some((f) => w >= f.w && h >= f.h)) return null;
    search: for (let i = 0; i < points.length; i += 2) {
      const x = points[i]!;
      const y = points[i + 1]!;
      const x0 = x - w / 2;
      const y0 = y - h / 2;
      const x1 = x + w / 2;
      const y1 = y + h / 2;
      if (x0 < 0 || y0 < 0 || x1 > width || y1 > height) continue;
      for (let b = 0; b < boxes.length; b += 4)
        if (x0 < boxes[b + 2]! && boxes[b]! < x1 && y0 < boxes[b + 3]! && boxes[b + 1]! < y1) continue search;
      boxes.push(x0, y0, x1, y1);
      return { index, text: word.text, x: Math.round(x), y: Math.round(y), fontSize, width: w, height: h };
    }
    failed.push({ w, h });
    return null;
  });
}

let context: CanvasRenderingContext2D | null = null;

/** Measures with a canvas of the page (one, reused), in the font the cloud is drawn with. */
export function canvasMeasure(fontFamily: string): MeasureText {
  return (text, fontSize) => {
    context ??= document.createElement('canvas').getContext('2d');
    if (!context) return text.length * fontSize;
    context.font = `${fontSize}px ${fontFamily}`;
    return context.measureText(text).width;
  };
}
