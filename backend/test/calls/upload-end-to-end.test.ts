import request from 'supertest';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';
import { startOpenAiStandIn, type OpenAiStandIn } from '../stand-ins/openai/index.ts';
import { trakwell, trakwellCard } from '../assistant/fixtures.ts';

const RECORDING = Buffer.from('OggS\u0000\u0002 a recorded call', 'latin1');

/** A recorded call through the service: upload, transcription, a finished call with its suggestions and summary. */
describe(`a recorded call end to end on ${databaseLabel}`, () => {
  let openai: OpenAiStandIn;
  let t: TestApp;
  let bare: TestApp;
  let auth: { Authorization: string };
  let tenantId: string;
  let leadId: string;

  beforeAll(async () => {
    openai = await startOpenAiStandIn();
    openai.transcript(() => ({
      segments: [
        { start: 0, end: 3, text: 'Hi Priya, this is Alex from FleetPulse.', speaker: 'Alex' },
        { start: 3.5, end: 8, text: 'Honestly Trakwell came in cheaper per vehicle.', speaker: 'Priya' },
        { start: 8.5, end: 11, text: "I'll send you a cost comparison by Friday.", speaker: 'Alex' },
      ],
    }));
    t = await testApp({
      workers: false,
      speech: { apiKey: openai.apiKey, baseUrl: openai.url, model: 'gpt-4o-transcribe-diarize', timeoutMs: 10_000 },
    });
    bare = await testApp({ workers: false });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: '7170', name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    leadId = (await request(t.app).put('/v1/leads').set(auth).send({ crmId: '77', lastName: 'Shah' }).expect(200)).body
      .data[0].id;
    const competitor = await request(t.app).post('/v1/competitors').set(auth).send(trakwell).expect(201);
    await request(t.app).post('/v1/battlecards').set(auth).send(trakwellCard(competitor.body.id)).expect(201);
  });
  afterAll(async () => {
    await t?.close();
    await bare?.close();
    await openai?.close();
  });

  const upload = (app: TestApp['app'], query: string, as = auth) =>
    request(app).post(`/v1/calls/recordings${query}`).set(as).set('Content-Type', 'audio/ogg').send(RECORDING);

  it('transcribes the recording into a finished call with suggestions and a summary', async () => {
    const res = await upload(t.app, `?leadId=${leadId}&repSpeaker=Alex`).expect(201);
    expect(res.body).toMatchObject({ segments: 3, repSpeaker: 'Alex', duplicate: false });
    const call = await t.db.prisma.call.findFirstOrThrow({ where: { tenantId, id: res.body.callId } });
    expect(call).toMatchObject({ platform: 'upload', status: 'ended', leadId });
    const segments = await t.db.prisma.transcriptSegment.findMany({
      where: { callId: call.id },
      orderBy: { startMs: 'asc' },
    });
    expect(segments.map((s) => s.speaker)).toEqual(['rep', 'prospect', 'rep']);
    expect(await t.db.prisma.suggestion.count({ where: { callId: call.id, kind: 'objection' } })).toBe(1);
    expect((call.summary as { nextSteps: string[] }).nextSteps.join(' ')).toMatch(/cost comparison/);
    // The same recording again is the same call.
    expect((await upload(t.app, `?leadId=${leadId}`).expect(200)).body).toMatchObject({
      callId: call.id,
      duplicate: true,
    });
  });

  it('checks the lead before paying for a transcription, and says what to configure without a provider', async () => {
    const before = openai.transcriptionRequests().length;
    const bad = await upload(t.app, '?leadId=nobody').expect(400);
    expect(bad.body.errors).toEqual([{ field: 'query.leadId', message: 'no lead with this id' }]);
    expect(openai.transcriptionRequests()).toHaveLength(before);
    const other = await createTenant(bare.db.prisma, { crm: 'hubspot', externalId: '7171', name: 'Bare' });
    const off = await upload(bare.app, '', { Authorization: `Bearer ${other.apiKey}` }).expect(503);
    expect(off.body.detail).toContain('OPENAI_API_KEY');
  });
});
