// wink-sentiment ships no types; only the part sentiment.ts uses is declared.
declare module 'wink-sentiment' {
  interface WinkSentiment {
    score: number;
    /** Average AFINN score of the sentiment-bearing words, damped for long texts: within [-5, 5]. */
    normalizedScore: number;
    tokenizedPhrase?: { value: string; tag: string; score?: number; negation?: boolean }[];
  }
  export default function sentiment(phrase: string): WinkSentiment;
}
