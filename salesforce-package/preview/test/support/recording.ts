import type { ApiClient } from './api.ts';

interface CallRow {
  id: string;
  leadId: string | null;
  userId: string | null;
  externalId: string | null;
}
interface Page<T> {
  data: T[];
}
interface Events {
  segments: unknown[];
}

/** The demo's recorded call, which the preview replays: it must read back through its events, lines and all. */
export async function seededRecording(api: ApiClient): Promise<{ call: CallRow; lines: number }> {
  const calls = await api.get<Page<CallRow>>('/v1/calls?status=ended&platform=dialer&limit=100');
  const seeded = calls.data.find((call) => call.leadId && !call.externalId?.startsWith('preview-replay-'));
  if (!seeded) throw new Error('the demo tenant has no recorded call');
  const events = await api.get<Events>(`/v1/calls/${seeded.id}/events?waitSeconds=0`);
  return { call: seeded, lines: events.segments.length };
}
