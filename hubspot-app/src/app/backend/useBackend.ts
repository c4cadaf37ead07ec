import { useCallback, useEffect, useState } from 'react';
import { backend, BackendError, UNREACHABLE, type RequestOptions } from './request.ts';

export type Loaded<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'error'; data: undefined; error: BackendError };

/**
 * A GET the card needs to show anything, with `reload` for the retry button. A null path waits (e.g. for the
 * record's id); an answer that arrives after the card moved on is dropped.
 */
export function useBackend<T>(path: string | null, query?: RequestOptions['query']) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading', data: undefined, error: undefined });
  const [round, setRound] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState({ status: 'loading', data: undefined, error: undefined });
    backend<T>(path, { query: JSON.parse(queryKey) as RequestOptions['query'] })
      .then((data) => {
        if (current) setState({ status: 'ready', data, error: undefined });
      })
      .catch((error: unknown) => {
        if (current)
          setState({
            status: 'error',
            data: undefined,
            error: error instanceof BackendError ? error : new BackendError(UNREACHABLE, null),
          });
      });
    return () => {
      current = false;
    };
  }, [path, queryKey, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}
