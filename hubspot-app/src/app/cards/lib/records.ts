import { useBackend } from '../../backend/useBackend.ts';

interface Page<T> {
  data: T[];
  nextCursor?: string | null;
}

/**
 * The service's copy of the HubSpot record on screen, found by its CRM id (`GET path?crmId=&limit=1`). `record` is
 * null when the record has not been synced yet.
 */
export function useSyncedRecord<T>(path: string, crmId: string | null) {
  const page = useBackend<Page<T>>(crmId === null ? null : path, { crmId: crmId ?? undefined, limit: 1 });
  return { ...page, record: page.status === 'ready' ? (page.data.data[0] ?? null) : undefined };
}

/** HubSpot gives record ids as numbers; the service keeps CRM ids as text. */
export function crmIdOf(objectId: number | string | undefined | null): string | null {
  if (objectId === undefined || objectId === null || objectId === '') return null;
  return String(objectId);
}
