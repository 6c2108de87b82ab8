// Sentiment colours shared by tags and charts (kept out of the .tsx so chart option builders stay pure modules).
import type { Sentiment } from '../api/types.ts';

export const SENTIMENT_COLORS: Record<Sentiment, string> = {
  negative: '#cf1322',
  neutral: '#8c8c8c',
  positive: '#389e0d',
};
