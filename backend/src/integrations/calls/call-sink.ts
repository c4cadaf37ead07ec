import type { TranscriptSegmentUpsert } from '@sdr/shared';

/**
 * Where every call platform delivers what it hears: Zoom, Teams and recorded uploads each turn their own protocol
 * into these calls, so they share one ingest path (ordering, de-duplication, analysis, fan-out) with the REST and
 * WebSocket APIs.
 */
export interface CallSink {
  /** The call for a platform meeting, started on first sight (the same externalId returns the same call). */
  start(
    tenantId: string,
    input: {
      platform: 'zoom' | 'teams' | 'upload';
      externalId: string;
      startedAt?: string;
      leadId?: string | null;
      userId?: string | null;
    },
  ): Promise<{ callId: string; status: 'live' | 'ended' }>;
  /** Adds or replaces segments, keyed by segmentId, as `POST /v1/calls/:id/segments` does. */
  segments(tenantId: string, callId: string, segments: TranscriptSegmentUpsert[]): Promise<void>;
  /** Ends the call (its summary is written); ending an ended call does nothing. */
  end(tenantId: string, callId: string, endedAt?: string): Promise<void>;
}

/** Which tenant a platform account (a Zoom account id, a Microsoft Entra tenant id) belongs to. */
export interface PlatformAccounts {
  tenantFor(platform: 'zoom' | 'teams', accountId: string): Promise<string | null>;
}
