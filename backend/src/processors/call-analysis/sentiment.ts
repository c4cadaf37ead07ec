import sentiment from 'wink-sentiment';

/**
 * Sentiment of one utterance in [-1, 1]: wink-sentiment's normalised AFINN score (within [-5, 5], already the
 * average over the sentiment-bearing words, negation-aware: "not happy" is negative) scaled down. 0 when the text
 * carries no sentiment words at all, which is most of a sales call.
 */
export function sentimentOf(text: string): number {
  if (text.trim() === '') return 0;
  const value = sentiment(text).normalizedScore / 5;
  if (!Number.isFinite(value)) return 0;
  return Math.max(-1, Math.min(1, Math.round(value * 1000) / 1000));
}
