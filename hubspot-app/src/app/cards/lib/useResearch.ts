import type { ResearchReport } from '@sdr/shared';
import { useCallback, useEffect, useState } from 'react';
import { asBackendError, backend, BackendError, isDisconnected } from '../../backend/request.ts';

export interface ResearchTiming {
  pollMs: number;
  /** Polls before the card stops and offers to check again, so a stuck report does not poll for ever. */
  maxPolls: number;
}

export const RESEARCH_TIMING: ResearchTiming = { pollMs: 3_000, maxPolls: 20 };

export type ResearchState =
  | { status: 'starting' }
  | { status: 'waiting'; report: ResearchReport }
  | { status: 'slow'; report: ResearchReport }
  | { status: 'done'; report: ResearchReport }
  | { status: 'error'; message: string };

interface Request {
  round: number;
  refresh: boolean;
  /** A report still being written: poll it rather than ask again. */
  resume: ResearchReport | null;
}

const inProgress = (report: ResearchReport) => report.status === 'pending' || report.status === 'running';

/**
 * A company's research report: asks for it (the service answers with the current report, or starts one), then polls
 * while it is being written, up to `maxPolls` times.
 */
export function useResearch(companyId: string, timing: ResearchTiming = RESEARCH_TIMING) {
  const [state, setState] = useState<ResearchState>({ status: 'starting' });
  const [request, setRequest] = useState<Request>({ round: 0, refresh: false, resume: null });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      });
    const show = (next: ResearchState) => {
      if (!stopped) setState(next);
    };

    async function run() {
      let report: ResearchReport;
      if (request.resume) report = request.resume;
      else {
        show({ status: 'starting' });
        try {
          report = await backend<ResearchReport>('/v1/research', {
            method: 'POST',
            body: { companyId, refresh: request.refresh },
          });
        } catch (error) {
          return show({ status: 'error', message: asBackendError(error).message });
        }
      }
      for (let polls = 0; inProgress(report); polls++) {
        if (stopped) return;
        if (polls >= timing.maxPolls) return show({ status: 'slow', report });
        show({ status: 'waiting', report });
        await wait(timing.pollMs);
        if (stopped) return;
        try {
          report = await backend<ResearchReport>(`/v1/research/${encodeURIComponent(report.id)}`);
        } catch (error) {
          // A poll that fails now and then costs one try; a disconnected account will not come back by itself.
          if (isDisconnected(error) || (error instanceof BackendError && error.status === 404))
            return show({ status: 'error', message: asBackendError(error).message });
        }
      }
      show({ status: 'done', report });
    }

    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [companyId, request, timing]);

  const retry = useCallback(() => setRequest((r) => ({ round: r.round + 1, refresh: r.refresh, resume: null })), []);
  const refresh = useCallback(() => setRequest((r) => ({ round: r.round + 1, refresh: true, resume: null })), []);
  const keepWaiting = useCallback(
    (report: ResearchReport) => setRequest((r) => ({ round: r.round + 1, refresh: false, resume: report })),
    [],
  );
  return { state, retry, refresh, keepWaiting };
}
