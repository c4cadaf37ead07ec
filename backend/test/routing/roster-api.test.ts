import request from 'supertest';
import { userUpsertExample } from '@sdr/shared';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';

describe(`the SDR roster on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await testApp({ workers: false });
    const created = await createTenant(t.db.prisma, { crm: 'salesforce', externalId: '00D00000000ROST', name: 'Acme' });
    auth = { Authorization: `Bearer ${created.apiKey}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds a user by e-mail, then changes them, leave and pause included', async () => {
    const added = await request(t.app).put('/v1/users').set(auth).send(userUpsertExample).expect(201);
    expect(added.body).toMatchObject({
      email: userUpsertExample.email.toLowerCase(),
      outOfOffice: [],
      pausedUntil: null,
    });
    const changed = await request(t.app)
      .put('/v1/users')
      .set(auth)
      .send({
        email: userUpsertExample.email.toUpperCase(),
        name: 'Hannah C.',
        weight: 3,
        outOfOffice: [{ start: '2026-12-22T00:00:00Z', end: '2027-01-04T00:00:00Z' }],
        pausedUntil: '2026-11-25T09:00:00Z',
      })
      .expect(200);
    expect(changed.body).toMatchObject({
      id: added.body.id,
      name: 'Hannah C.',
      weight: 3,
      outOfOffice: [{ start: '2026-12-22T00:00:00Z', end: '2027-01-04T00:00:00Z' }],
      pausedUntil: '2026-11-25T09:00:00.000Z',
      languages: added.body.languages,
    });
    expect((await request(t.app).get(`/v1/users/${added.body.id}`).set(auth).expect(200)).body).toEqual(changed.body);
    expect((await request(t.app).get('/v1/users').set(auth).expect(200)).body.data).toEqual([changed.body]);
  });

  it('refuses bad hours, backwards leave and a taken CRM user id, changing nothing', async () => {
    const hours = await request(t.app)
      .put('/v1/users')
      .set(auth)
      .send({ email: 'x@acme.example', name: 'X', workingHours: [{ day: 1, start: '17:00', end: '09:00' }] })
      .expect(400);
    expect(hours.body.errors).toEqual([expect.objectContaining({ field: 'body.workingHours.0.end' })]);
    const leave = await request(t.app)
      .put('/v1/users')
      .set(auth)
      .send({
        email: 'x@acme.example',
        name: 'X',
        outOfOffice: [{ start: '2026-12-22T00:00:00Z', end: '2026-12-01T00:00:00Z' }],
      })
      .expect(400);
    expect(leave.body.errors).toEqual([expect.objectContaining({ field: 'body.outOfOffice.0.end' })]);
    await request(t.app)
      .put('/v1/users')
      .set(auth)
      .send({ email: 'y@acme.example', name: 'Y', crmUserId: '005Y' })
      .expect(201);
    const taken = await request(t.app)
      .put('/v1/users')
      .set(auth)
      .send({ email: 'z@acme.example', name: 'Z', crmUserId: '005Y' })
      .expect(409);
    expect(taken.body.errors).toEqual([{ field: 'body.crmUserId', message: 'taken by another user' }]);
    expect(
      (await request(t.app).get('/v1/users').set(auth).expect(200)).body.data.map((u: { email: string }) => u.email),
    ).not.toContain('z@acme.example');
    await request(t.app).get('/v1/users/nobody').set(auth).expect(404);
  });
});
