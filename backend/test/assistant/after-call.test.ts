import { jest } from '@jest/globals';
import request from 'supertest';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { noCrmApps, connectHubSpotStandIn, testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';
import { jobContext } from '../support/waiting.ts';
import { startHubSpotStandIn, type HubSpotStandIn } from '../stand-ins/hubspot/index.ts';
import { trakwell, trakwellCard, line } from './fixtures.ts';

describe(`after a call on ${databaseLabel}`, () => {
  let hs: HubSpotStandIn;
  let t: TestApp;
  let tenantId: string;
  let auth: { Authorization: string };

  beforeAll(async () => {
    hs = await startHubSpotStandIn();
    t = await testApp({
      workers: false,
      clock: { now: () => new Date() },
      crm: { ...noCrmApps, hubspot: { ...noCrmApps.hubspot, apiUrl: hs.url } },
    });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: String(hs.portalId), name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    await connectHubSpotStandIn(t, tenantId, hs);
    await t.db.prisma.user.create({
      data: {
        tenantId,
        id: 'sdr-1',
        email: hs.installingOwner.email,
        name: 'SDR',
        crmUserId: String(hs.installingOwner.id),
      },
    });
    const competitor = await request(t.app).post('/v1/competitors').set(auth).send(trakwell).expect(201);
    await request(t.app).post('/v1/battlecards').set(auth).send(trakwellCard(competitor.body.id)).expect(201);
  });
  afterAll(async () => {
    await t?.close();
    await hs?.close();
  });

  it('becomes a touch, rescores the lead, and logs a note and a follow-up task in the CRM once', async () => {
    const contact = hs.create('contacts', { firstname: 'Priya', lastname: 'Shah', email: 'priya@haulage.example' });
    await t.crm.jobs.sync.handler({}, jobContext(tenantId));
    const lead = await t.db.prisma.lead.findFirstOrThrow({ where: { tenantId, crmId: contact.id } });
    const call = await request(t.app)
      .post('/v1/calls')
      .set(auth)
      .send({ platform: 'dialer', leadId: lead.id, userId: 'sdr-1' })
      .expect(201);
    await request(t.app)
      .post(`/v1/calls/${call.body.id}/segments`)
      .set(auth)
      .send({
        segments: [
          line('1', 'rep', 'How do you run the 140 vans today?', 0),
          line('2', 'prospect', "We're on Trakwell and honestly it's too expensive.", 5),
          line('3', 'rep', "I'll send you a cost comparison by Friday.", 12),
        ],
      })
      .expect(200);
    const queued = await t.db.prisma.job.count({ where: { tenantId } });
    await request(t.app).post(`/v1/calls/${call.body.id}/end`).set(auth).send({}).expect(200);
    expect(await t.db.prisma.job.count({ where: { tenantId } })).toBe(queued + 1);

    const enqueue = jest.spyOn(t.jobs, 'enqueue');
    const first = await t.calls.afterCall.handler({ callId: call.body.id }, jobContext(tenantId));
    expect(enqueue.mock.calls.map(([job, , payload]) => [job.name, payload])).toContainEqual([
      'scoring.rescore-leads',
      { leadIds: [lead.id] },
    ]);
    enqueue.mockRestore();
    expect(first).toMatchObject({
      touch: `call-${call.body.id}`,
      crm: { noteId: expect.any(String), taskId: expect.any(String) },
    });
    const touch = await t.db.prisma.activity.findFirstOrThrow({ where: { tenantId, id: `call-${call.body.id}` } });
    expect(touch).toMatchObject({ leadId: lead.id, type: 'call', outcome: expect.stringMatching(/^Objections: /) });

    const { noteId, taskId } = (first as { crm: { noteId: string; taskId: string } }).crm;
    const note = hs.get('notes', noteId)!;
    expect(note.properties.hs_note_body).toContain('Competitors mentioned: Trakwell Telematics');
    expect(hs.associatedIds('notes', noteId, 'contacts')).toEqual([contact.id]);
    const task = hs.get('tasks', taskId)!;
    expect(task.properties).toMatchObject({
      hs_task_subject: expect.stringMatching(/^Follow up: I'll send you a cost comparison/),
      hubspot_owner_id: String(hs.installingOwner.id),
    });

    // A retried job logs nothing twice.
    const notes = hs.all('notes').length;
    expect(await t.calls.afterCall.handler({ callId: call.body.id }, jobContext(tenantId))).toMatchObject({
      crm: 'already logged',
    });
    expect(hs.all('notes')).toHaveLength(notes);
    expect(await t.db.prisma.activity.count({ where: { tenantId, leadId: lead.id, type: 'call' } })).toBe(1);
  });
});
