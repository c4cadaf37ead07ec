import type { CrmObjectKind } from '@sdr/shared';
import { useEffect, useState } from 'react';
import { backend, BackendError, UNREACHABLE } from '../../backend/request.ts';

export interface CrmField {
  name: string;
  label: string;
  type: string;
  custom: boolean;
  updateable: boolean;
}

type Choices = Partial<Record<CrmObjectKind, CrmField[]>>;
type State =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ready'; data: Choices; error: undefined }
  | { status: 'error'; data: undefined; error: BackendError };

/** The HubSpot properties of each object, read side by side; null waits until the objects are known. */
export function useCrmFields(objects: CrmObjectKind[] | null) {
  const [state, setState] = useState<State>({ status: 'loading', data: undefined, error: undefined });
  const [round, setRound] = useState(0);
  const key = objects ? objects.join(',') : null;

  useEffect(() => {
    if (key === null) return;
    let current = true;
    const kinds = key ? (key.split(',') as CrmObjectKind[]) : [];
    setState({ status: 'loading', data: undefined, error: undefined });
    Promise.all(kinds.map((kind) => backend<{ data: CrmField[] }>(`/v1/crm/fields/${kind}`)))
      .then((lists) => {
        if (current)
          setState({
            status: 'ready',
            data: Object.fromEntries(kinds.map((kind, i) => [kind, lists[i]!.data])),
            error: undefined,
          });
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
  }, [key, round]);

  return { ...state, reload: () => setRound((n) => n + 1) };
}
