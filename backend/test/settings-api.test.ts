import request from 'supertest';
import { defaultTenantSettings } from '@sdr/shared';
import { createTenant } from '../src/tenancy/tenants.ts';
import { testApp, type TestApp } from './support/app.ts';
import { databaseLabel } from './support/database.ts';

describe(`workspace settings on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let tenantId: string;

  beforeAll(async () => {
    t = await testApp({ workers: false });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: '4343', name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    await t.db.prisma.user.create({ data: { tenantId, id: 'lead-sdr', email: 'l@acme.example', name: 'Lead SDR' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the defaults, then merges a change section by section', async () => {
    expect((await request(t.app).get('/v1/settings').set(auth).expect(200)).body).toEqual(defaultTenantSettings);
    const changed = await request(t.app)
      .patch('/v1/settings')
      .set(auth)
      .send({ routing: { autoRoute: true, fallbackUserId: 'lead-sdr' }, scoring: { evTiers: { hot: 80, warm: 50 } } })
      .expect(200);
    expect(changed.body.routing).toEqual({ defaultSlaMinutes: 60, autoRoute: true, fallbackUserId: 'lead-sdr' });
    expect(changed.body.scoring).toMatchObject({ evTiers: { hot: 80, warm: 50 }, currency: 'USD' });
    expect((await request(t.app).get('/v1/settings').set(auth).expect(200)).body).toEqual(changed.body);
  });

  it('refuses an unknown fallback owner, bad tiers and unknown keys, changing nothing', async () => {
    const before = (await request(t.app).get('/v1/settings').set(auth).expect(200)).body;
    const owner = await request(t.app)
      .patch('/v1/settings')
      .set(auth)
      .send({ routing: { fallbackUserId: 'ghost' } })
      .expect(400);
    expect(owner.body.errors).toEqual([{ field: 'body.routing.fallbackUserId', message: 'no user with this id' }]);
    await request(t.app)
      .patch('/v1/settings')
      .set(auth)
      .send({ scoring: { evTiers: { hot: 20, warm: 50 } } })
      .expect(400);
    await request(t.app)
      .patch('/v1/settings')
      .set(auth)
      .send({ routing: { autoRoute: 'yes' } })
      .expect(400);
    await request(t.app).patch('/v1/settings').set(auth).send({ fieldMapping: [] }).expect(400);
    expect((await request(t.app).get('/v1/settings').set(auth).expect(200)).body).toEqual(before);
  });
});
