import { Connection } from 'jsforce';
import { startSalesforceStandIn } from './index.ts';
import type { SalesforceStandIn } from './index.ts';

describe('Salesforce stand-in: options', () => {
  const started: SalesforceStandIn[] = [];
  const start = async (options: Parameters<typeof startSalesforceStandIn>[0] = {}) => {
    const sf = await startSalesforceStandIn(options);
    started.push(sf);
    const session = sf.issueSession();
    const conn = new Connection({
      instanceUrl: session.instanceUrl,
      accessToken: session.accessToken,
      version: '62.0',
    });
    return { sf, conn };
  };
  afterAll(async () => {
    await Promise.all(started.map((sf) => sf.close()));
  });

  it('mounts the streaming part on the same server, before its catch-all 404', async () => {
    const { sf } = await start({
      mountStreaming: (app, standIn) => {
        app.post('/cometd/:version/handshake', (req, res) => {
          const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
          res.json({ successful: standIn.authenticate(token) !== null, version: req.params.version });
        });
      },
    });
    const { accessToken } = sf.issueSession();
    const handshake = await fetch(`${sf.url}/cometd/62.0/handshake`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await handshake.json()).toEqual({ successful: true, version: '62.0' });
    expect((await fetch(`${sf.url}/elsewhere`)).status).toBe(404);
  });

  it('gives each stand-in its own org id unless told one', async () => {
    const [a, b, c] = await Promise.all([start(), start(), start({ orgId: '00D5g000004XyZ1EAK' })]);
    expect(a!.sf.orgId).toMatch(/^00D[0-9A-Za-z]{15}$/);
    expect(a!.sf.orgId).not.toBe(b!.sf.orgId);
    expect(c!.sf.orgId).toBe('00D5g000004XyZ1EAK');
  });

  it('stamps one transaction once when asked to, as a real org does', async () => {
    const { sf, conn } = await start({ sharedTransactionStamps: true });
    const created = await conn.sobject('Lead').create([
      { LastName: 'A', Company: 'X' },
      { LastName: 'B', Company: 'X' },
    ]);
    const stamps = created.map((r) => sf.get('Lead', r.id!)!.SystemModstamp);
    expect(stamps[0]).toBe(stamps[1]);
    const later = sf.update('Lead', created[0]!.id!, { Rating: 'Hot' });
    expect(later.SystemModstamp).not.toBe(stamps[0]);
  });

  it('declares undeclared custom fields on first write when asked to', async () => {
    const { sf, conn } = await start({ acceptUndeclaredCustomFields: true });
    const [lead] = sf.insert('Lead', [{ LastName: 'A', Company: 'X', Fleet_Size__c: 140 }]);
    await conn.sobject('Lead').update({ Id: String(lead!.Id), Current_Provider__c: 'Samsara' });
    const rows = await conn.query<{ Fleet_Size__c: number; Current_Provider__c: string }>(
      'SELECT Fleet_Size__c, Current_Provider__c FROM Lead',
    );
    expect(rows.records[0]).toMatchObject({ Fleet_Size__c: 140, Current_Provider__c: 'Samsara' });
    const fields = (await conn.describe('Lead')).fields;
    expect(fields.find((f) => f.name === 'Fleet_Size__c')?.type).toBe('double');
    await expect(conn.sobject('Lead').update({ Id: String(lead!.Id), Provider: 'x' })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    });
  });

  it('lists records updated and deleted between two instants, for replication', async () => {
    let clock = Date.parse('2026-11-24T09:00:00.000Z');
    const { sf, conn } = await start({ now: () => new Date(clock) });
    const [kept, gone] = sf.insert('Lead', [
      { LastName: 'Kept', Company: 'X' },
      { LastName: 'Gone', Company: 'X' },
    ]);
    clock += 60_000;
    sf.update('Lead', String(kept!.Id), { Rating: 'Warm' });
    sf.delete('Lead', String(gone!.Id));
    clock += 60_000;
    const updated = await conn.sobject('Lead').updated('2026-11-24T09:00:30Z', '2026-11-24T09:05:00Z');
    expect(updated.ids).toEqual([kept!.Id]);
    const deleted = await conn.sobject('Lead').deleted('2026-11-24T09:00:30Z', '2026-11-24T09:05:00Z');
    expect(deleted.deletedRecords).toEqual([{ id: gone!.Id, deletedDate: '2026-11-24T09:01:00.001+0000' }]);
  });
});
