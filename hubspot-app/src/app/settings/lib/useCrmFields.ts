import type { CrmObjectKind } from '@sdr/shared';
import { backend } from '../../backend/request.ts';
import { useLoaded } from '../../backend/useBackend.ts';

export interface CrmField {
  name: string;
  label: string;
  type: string;
  custom: boolean;
  updateable: boolean;
}

type Choices = Partial<Record<CrmObjectKind, CrmField[]>>;

/** The HubSpot properties of each object, read side by side; null waits until the objects are known. */
export function useCrmFields(objects: CrmObjectKind[] | null) {
  const key = objects ? objects.join(',') : null;
  return useLoaded<Choices>(key, async () => {
    const kinds = key ? (key.split(',') as CrmObjectKind[]) : [];
    const lists = await Promise.all(kinds.map((kind) => backend<{ data: CrmField[] }>(`/v1/crm/fields/${kind}`)));
    return Object.fromEntries(kinds.map((kind, i) => [kind, lists[i]!.data]));
  });
}
