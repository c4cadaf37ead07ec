import { useCallback, useEffect, useRef, useState } from 'react';
import { asBackendError, backend, type BackendError, type RequestOptions } from './request.ts';

export type Loaded<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'error'; data: undefined; error: BackendError };

/**
 * Data a panel needs to show anything, with `reload` for the retry button. `key` names what is loaded: it loads
 * again when the key changes, and a null key waits (e.g. for the record's id). An answer that arrives after the
 * panel moved on is dropped.
 */
export function useLoaded<T>(key: string | null, load: () => Promise<T>) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading', data: undefined, error: undefined });
  const [round, setRound] = useState(0);
  // The key says when to load again; a new closure on every render must not.
  const latestLoad = useRef(load);
  latestLoad.current = load;

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState({ status: 'loading', data: undefined, error: undefined });
    latestLoad
      .current()
      .then((data) => {
        if (current) setState({ status: 'ready', data, error: undefined });
      })
      .catch((error: unknown) => {
        if (current) setState({ status: 'error', data: undefined, error: asBackendError(error) });
      });
    return () => {
      current = false;
    };
  }, [key, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}

/** A GET from the SDR service, loaded as `useLoaded` does. */
export function useBackend<T>(path: string | null, query?: RequestOptions['query']) {
  const queryKey = JSON.stringify(query ?? {});
  return useLoaded<T>(path === null ? null : `${path}?${queryKey}`, () => backend<T>(path!, { query }));
}
