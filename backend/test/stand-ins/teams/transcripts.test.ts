import { startTeamsStandIn, type TeamsStandIn } from './index.ts';
import { graph, tokenFor } from './test-support.ts';

const VTT = 'WEBVTT\n\n0:0:0.0 --> 0:0:5.320\n<v User Name>This is a transcript test.</v>\n';

describe('Teams stand-in: transcripts', () => {
  let standIn: TeamsStandIn;
  let token: string;

  beforeEach(async () => {
    standIn = await startTeamsStandIn({ accessPolicyUsers: ['rep-1', 'rep-2'] });
    token = await tokenFor(standIn);
  });
  afterEach(async () => {
    await standIn.close();
  });

  const path = (organizer: string, meetingId: string, transcriptId?: string) =>
    `users/${organizer}/onlineMeetings/${encodeURIComponent(meetingId)}/transcripts${
      transcriptId ? `/${encodeURIComponent(transcriptId)}` : ''
    }`;

  it('serves metadata in Graph’s shape and content as text/vtt', async () => {
    const t = standIn.addTranscript({
      organizerUserId: 'rep-1',
      vtt: VTT,
      createdDateTime: '2026-11-24T14:00:05.000Z',
      endDateTime: '2026-11-24T14:30:00.000Z',
    });
    const meta = await graph(standIn, token, path('rep-1', t.meetingId, t.id));
    expect(meta.status).toBe(200);
    expect(meta.body).toMatchObject({
      id: t.id,
      meetingId: t.meetingId,
      createdDateTime: '2026-11-24T14:00:05.0000000Z',
      endDateTime: '2026-11-24T14:30:00.0000000Z',
      meetingOrganizer: { user: { id: 'rep-1', userIdentityType: 'aadUser', tenantId: standIn.tenantId } },
    });
    expect(Buffer.from(t.meetingId, 'base64').toString()).toMatch(/^1\*rep-1\*0\*\*19:meeting_/);

    for (const query of ['/content', '/content?$format=text/vtt']) {
      const content = await graph(standIn, token, `${path('rep-1', t.meetingId, t.id)}${query}`, {
        accept: 'text/vtt',
      });
      expect(content.status).toBe(200);
      expect(content.headers.get('content-type')).toMatch(/^text\/vtt/);
      expect(content.text).toBe(VTT);
    }
    const docx = await graph(standIn, token, `${path('rep-1', t.meetingId, t.id)}/content?$format=docx`);
    expect(docx.status).toBe(400);
  });

  it('finds transcripts only through their organizer, and only for users an access policy covers', async () => {
    const t = standIn.addTranscript({ organizerUserId: 'rep-1', vtt: VTT });
    expect((await graph(standIn, token, path('rep-2', t.meetingId, t.id))).status).toBe(404);
    const denied = await graph(standIn, token, path('rep-3', t.meetingId, t.id));
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: { message: 'No application access policy found for this app.' } });
    expect((await graph(standIn, token, path('rep-1', t.meetingId, 'nope'))).status).toBe(404);
  });

  it('lists a meeting’s transcripts a page at a time, following @odata.nextLink', async () => {
    const first = standIn.addTranscript({ organizerUserId: 'rep-1', vtt: VTT });
    for (let i = 0; i < 2; i++)
      standIn.addTranscript({ organizerUserId: 'rep-1', meetingId: first.meetingId, vtt: VTT });
    const page1 = await graph(standIn, token, `${path('rep-1', first.meetingId)}?$top=2`);
    const body1 = page1.body as { value: { id: string }[]; '@odata.nextLink': string };
    expect(body1.value).toHaveLength(2);
    const page2 = await graph(standIn, token, body1['@odata.nextLink']);
    const body2 = page2.body as { value: { id: string }[]; '@odata.nextLink'?: string };
    expect(body2.value).toHaveLength(1);
    expect(body2['@odata.nextLink']).toBeUndefined();
  });

  it('serves getAllTranscripts for an organizer, filtered by creation time', async () => {
    standIn.addTranscript({ organizerUserId: 'rep-1', vtt: VTT, createdDateTime: '2026-11-01T10:00:00Z' });
    const late = standIn.addTranscript({ organizerUserId: 'rep-1', vtt: VTT, createdDateTime: '2026-11-20T10:00:00Z' });
    standIn.addTranscript({ organizerUserId: 'rep-2', vtt: VTT, createdDateTime: '2026-11-21T10:00:00Z' });

    const all = await graph(
      standIn,
      token,
      "users/rep-1/onlineMeetings/getAllTranscripts(meetingOrganizerUserId='rep-1')",
    );
    expect((all.body as { value: unknown[] }).value).toHaveLength(2);
    const since = await graph(
      standIn,
      token,
      "users/rep-1/onlineMeetings/getAllTranscripts(meetingOrganizerUserId='rep-1',startDateTime=2026-11-15T00:00:00Z)",
    );
    expect((since.body as { value: { id: string }[] }).value.map((t) => t.id)).toEqual([late.id]);
    const filtered = await graph(
      standIn,
      token,
      `users/rep-1/onlineMeetings/getAllTranscripts?$filter=${encodeURIComponent("MeetingOrganizer/User/Id eq 'rep-2'")}`,
    );
    expect((filtered.body as { value: unknown[] }).value).toHaveLength(1);
    const missing = await graph(standIn, token, 'users/rep-1/onlineMeetings/getAllTranscripts');
    expect(missing.status).toBe(400);
  });

  it('throttles and fails on request, then serves normally', async () => {
    const t = standIn.addTranscript({ organizerUserId: 'rep-1', vtt: VTT });
    standIn.failNext({ status: 429, retryAfterSeconds: 7 });
    standIn.failNext({ status: 503, path: '/content' });
    const throttled = await graph(standIn, token, path('rep-1', t.meetingId, t.id));
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.body).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect((await graph(standIn, token, path('rep-1', t.meetingId, t.id))).status).toBe(200);
    const unavailable = await graph(standIn, token, `${path('rep-1', t.meetingId, t.id)}/content`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toMatchObject({ error: { code: 'ServiceUnavailable' } });
    expect((await graph(standIn, token, `${path('rep-1', t.meetingId, t.id)}/content`)).status).toBe(200);
    expect(standIn.requests.filter((r) => r.target === 'graph').map((r) => r.status)).toEqual([429, 200, 503, 200]);
  });
});
