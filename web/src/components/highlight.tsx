// Renders untrusted text with search terms wrapped in <mark>, built from text nodes only (never HTML strings).
import { splitHighlight } from './highlight-split.ts';

export interface HighlightProps {
  text: string;
  terms: readonly string[];
  className?: string;
}

export function Highlight({ text, terms, className }: HighlightProps) {
  const segments = splitHighlight(text, terms);
  return (
    <span className={className}>
      {segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </span>
  );
}
