import type { Call, CallEvents, CallList, CallMetrics, Suggestion, TranscriptSegment } from '@sdr/shared';
import { useCallback, useEffect, useState } from 'react';
import { asBackendError, backend, BackendError, isDisconnected } from '../../backend/request.ts';

export interface LiveCallTiming {
  /** How long the service may hold a poll open; hubspot.fetch gives up at 15 s, so well below that. */
  waitSeconds: number;
  /** Between polls: the long-poll already waits, this only keeps a proxy that answers at once from a hot loop. */
  pollGapMs: number;
  backoffStartMs: number;
  backoffMaxMs: number;
  /** How often to look for a call that has started, when there is none. */
  recheckMs: number;
}

export const LIVE_CALL_TIMING: LiveCallTiming = {
  waitSeconds: 8,
  pollGapMs: 300,
  backoffStartMs: 2_000,
  backoffMaxMs: 30_000,
  recheckMs: 15_000,
};

export type LiveCallState =
  | { status: 'finding' }
  | { status: 'none' }
  | { status: 'error'; message: string }
  | {
      status: 'live';
      callId: string;
      segments: TranscriptSegment[];
      suggestions: Suggestion[];
      metrics: CallMetrics | null;
      reconnecting: boolean;
    }
  | { status: 'ended'; callId: string };

/**
 * A later segment with the same id replaces the earlier one (an interim line by its final) where it stands, so a
 * line does not jump when it is corrected.
 */
export function mergeSegments(current: TranscriptSegment[], incoming: TranscriptSegment[]): TranscriptSegment[] {
  const merged = new Map(current.map((segment) => [segment.segmentId, segment]));
  for (const segment of incoming) merged.set(segment.segmentId, segment);
  return [...merged.values()];
}

/** Newest first; one that gained its tailored line is replaced where it stands. */
export function mergeSuggestions(current: Suggestion[], incoming: Suggestion[]): Suggestion[] {
  const merged = new Map(current.map((suggestion) => [suggestion.id, suggestion]));
  for (const suggestion of incoming) merged.set(suggestion.id, suggestion);
  return [...merged.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/**
 * Follows a lead's live call: finds it, long-polls its events with the cursor each page returns (cards cannot hold
 * a socket or a stream), backs off while the service cannot be reached, and once the call ends hands over to its
 * summary. With no live call it looks again every `recheckMs`. Everything stops when the card goes away.
 */
export function useLiveCall(leadId: string, timing: LiveCallTiming = LIVE_CALL_TIMING) {
  const [state, setState] = useState<LiveCallState>({ status: 'finding' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      });
    const show = (next: LiveCallState | ((previous: LiveCallState) => LiveCallState)) => {
      if (!stopped) setState(next);
    };

    async function findCall(): Promise<Call | null> {
      const list = await backend<CallList>('/v1/calls', { query: { leadId, status: 'live', limit: 1 } });
      return list.data.find((call) => call.status === 'live') ?? null;
    }

    /** Resolves 'gone' when the service no longer knows the call, so the card looks for a live one again. */
    async function follow(callId: string, initialMetrics: CallMetrics | null): Promise<'gone' | void> {
      show({ status: 'live', callId, segments: [], suggestions: [], metrics: initialMetrics, reconnecting: false });
      let cursor: string | undefined;
      let backoff = timing.backoffStartMs;
      for (;;) {
        let page: CallEvents;
        try {
          page = await backend<CallEvents>(`/v1/calls/${encodeURIComponent(callId)}/events`, {
            query: { cursor, waitSeconds: timing.waitSeconds },
          });
        } catch (error) {
          if (stopped) return;
          if (error instanceof BackendError && error.status === 404) return 'gone';
          if (isDisconnected(error)) return show({ status: 'error', message: asBackendError(error).message });
          show((previous) => (previous.status === 'live' ? { ...previous, reconnecting: true } : previous));
          await wait(backoff);
          backoff = Math.min(backoff * 2, timing.backoffMaxMs);
          continue;
        }
        if (stopped) return;
        backoff = timing.backoffStartMs;
        cursor = page.cursor;
        show((previous) =>
          previous.status === 'live'
            ? {
                ...previous,
                segments: mergeSegments(previous.segments, page.segments),
                suggestions: mergeSuggestions(previous.suggestions, page.suggestions),
                metrics: page.metrics ?? previous.metrics,
                reconnecting: false,
              }
            : previous,
        );
        // The service says to stop once the call has ended and a page comes back with nothing new.
        if (page.callStatus === 'ended' && page.segments.length === 0 && page.suggestions.length === 0) break;
        await wait(timing.pollGapMs);
      }
      show({ status: 'ended', callId });
    }

    async function run() {
      show({ status: 'finding' });
      for (;;) {
        let call: Call | null;
        try {
          call = await findCall();
        } catch (error) {
          return show({ status: 'error', message: asBackendError(error).message });
        }
        if (stopped) return;
        if (call) {
          if ((await follow(call.id, call.metrics)) !== 'gone' || stopped) return;
          show({ status: 'finding' });
          // The list may still name the call for a moment: a pause keeps that from becoming a tight loop.
          await wait(timing.backoffStartMs);
          if (stopped) return;
          continue;
        }
        show({ status: 'none' });
        await wait(timing.recheckMs);
        if (stopped) return;
      }
    }

    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [leadId, round, timing]);

  const restart = useCallback(() => setRound((n) => n + 1), []);
  return { state, restart };
}
