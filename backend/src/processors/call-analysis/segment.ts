import type { TranscriptSegmentUpsert } from '@sdr/shared';

/**
 * What the analysis reads: a segment as the contract defines it (validated where it enters, by the API or the
 * platform adapter; the analysis itself never parses on the hot path) and the tenant's competitors.
 */
export type Segment = TranscriptSegmentUpsert;
export type Speaker = Segment['speaker'];

export interface Competitor {
  id: string;
  name: string;
  aliases: string[];
  products: string[];
}
