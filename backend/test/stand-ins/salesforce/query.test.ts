import { Connection } from 'jsforce';
import { startSalesforceStandIn } from './index.ts';
import type { SalesforceStandIn } from './index.ts';

interface LeadRow {
  Id: string;
  SystemModstamp: string;
  attributes: { type: string; url: string };
}

describe('Salesforce stand-in: SOQL queries', () => {
  let sf: SalesforceStandIn;
  let conn: Connection;
  let clock: number;

  beforeAll(async () => {
    clock = Date.parse('2026-11-24T09:00:00.000Z');
    // A frozen clock: every write still gets its own SystemModstamp.
    sf = await startSalesforceStandIn({ now: () => new Date(clock) });
    const session = sf.issueSession();
    conn = new Connection({ instanceUrl: session.instanceUrl, accessToken: session.accessToken, version: '62.0' });
    sf.insert(
      'Lead',
      Array.from({ length: 5000 }, (_, i) => ({
        LastName: `Lead ${i}`,
        Company: i % 2 === 0 ? 'Acme' : `Globex ${i}`,
        Email: `lead${i}@example.com`,
        NumberOfEmployees: i,
        Status: i % 10 === 0 ? 'Working - Contacted' : 'Open - Not Contacted',
      })),
    );
  });
  afterAll(async () => {
    await sf.close();
  });

  const queryCalls = () => sf.calls.filter((c) => c.path.startsWith('/services/data/v62.0/query')).length;

  it('pages 5,000 rows in batches of 2,000 and follows nextRecordsUrl with autoFetch', async () => {
    // As sent: jsforce rewrites nextRecordsUrl into an absolute URL of its own.
    const raw = await conn.request<{ nextRecordsUrl: string }>('/query?q=SELECT+Id+FROM+Lead');
    expect(Object.keys(raw)).toEqual(['totalSize', 'done', 'nextRecordsUrl', 'records']);
    expect(raw.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[0-9A-Za-z]{15}-2000$/);

    const first = await conn.query<LeadRow>('SELECT Id, Name FROM Lead');
    expect(first).toMatchObject({ totalSize: 5000, done: false });
    expect(first.records).toHaveLength(2000);
    expect(first.records[0]!.attributes).toEqual({
      type: 'Lead',
      url: `/services/data/v62.0/sobjects/Lead/${first.records[0]!.Id}`,
    });
    const second = await conn.queryMore<LeadRow>(first.nextRecordsUrl!);
    expect(second).toMatchObject({ totalSize: 5000, done: false });
    expect(second.records[0]!.Id).not.toBe(first.records[0]!.Id);

    const before = queryCalls();
    const all = await conn.query<LeadRow>('SELECT Id FROM Lead').run({ autoFetch: true, maxFetch: 10_000 });
    expect(all.records).toHaveLength(5000);
    expect(new Set(all.records.map((r) => r.Id)).size).toBe(5000);
    expect(queryCalls() - before).toBe(3);

    const capped = await conn.query<LeadRow>('SELECT Id FROM Lead').run({ autoFetch: true, maxFetch: 3000 });
    expect(capped.records).toHaveLength(3000);
    expect(queryCalls() - before).toBe(5);
  });

  it('honours Sforce-Query-Options batchSize between 200 and 2,000', async () => {
    const before = queryCalls();
    const result = await conn
      .query<LeadRow>('SELECT Id FROM Lead', { headers: { 'Sforce-Query-Options': 'batchSize=500' } })
      .run({ autoFetch: true, maxFetch: 10_000 });
    expect(result.records).toHaveLength(5000);
    expect(queryCalls() - before).toBe(10);

    const tiny = await conn.request<{ records: unknown[] }>({
      method: 'GET',
      url: '/query?q=SELECT+Id+FROM+Lead',
      headers: { 'Sforce-Query-Options': 'batchSize=10' },
    });
    expect(tiny.records).toHaveLength(200);
  });

  it('reads changes incrementally with a SystemModstamp cursor, missing none', async () => {
    const pull = async (cursor: string | null) => {
      const where = cursor ? `WHERE SystemModstamp > ${cursor} ` : '';
      const rows = await conn
        .query<LeadRow>(`SELECT Id, SystemModstamp FROM Lead ${where}ORDER BY SystemModstamp, Id`)
        .run({ autoFetch: true, maxFetch: 100_000 });
      return rows.records;
    };
    const initial = await pull(null);
    expect(initial).toHaveLength(5000);
    const stamps = initial.map((r) => Date.parse(r.SystemModstamp.replace('+0000', 'Z')));
    expect(stamps.every((s, i) => i === 0 || s > stamps[i - 1]!)).toBe(true);
    expect(initial[0]!.SystemModstamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    let cursor = initial.at(-1)!.SystemModstamp;

    const changed = [initial[17]!.Id, initial[4000]!.Id, initial[2]!.Id];
    for (const id of changed) sf.update('Lead', id, { Rating: 'Hot' });
    const delta = await pull(cursor);
    expect(delta.map((r) => r.Id)).toEqual(changed);
    cursor = delta.at(-1)!.SystemModstamp;

    // The cursor also works written the other way Salesforce accepts: Z and no milliseconds.
    clock += 60_000;
    sf.update('Lead', changed[1]!, { Rating: 'Warm' });
    const isoCursor = new Date(clock - 1000).toISOString().replace('.000Z', 'Z');
    expect((await pull(isoCursor)).map((r) => r.Id)).toEqual([changed[1]]);
    expect(await pull(cursor)).toHaveLength(1);
  });

  it('filters with AND/OR/NOT, IN, LIKE and comparisons, case-insensitively like SOQL', async () => {
    const count = async (where: string) => (await conn.query(`SELECT COUNT() FROM Lead WHERE ${where}`)).totalSize;
    expect(await count(`Company = 'acme'`)).toBe(2500);
    expect(await count(`Company = 'Acme' AND NumberOfEmployees < 10`)).toBe(5);
    expect(await count(`(Company = 'Acme' AND NumberOfEmployees < 10) OR NumberOfEmployees >= 4998`)).toBe(7);
    expect(await count(`NOT Company = 'Acme'`)).toBe(2500);
    expect(await count(`NumberOfEmployees IN (1, 2, 3, 99999)`)).toBe(3);
    expect(await count(`Status NOT IN ('Open - Not Contacted')`)).toBe(500);
    expect(await count(`Email LIKE 'lead12%'`)).toBe(111);
    expect(await count(`LastName LIKE 'lead _'`)).toBe(10);
    expect(await count(`Industry = null`)).toBe(5000);
    expect(await count(`Industry != 'Banking'`)).toBe(5000);
    expect(await count(`CreatedDate >= 2026-11-24T09:00:00.000+0000 AND CreatedDate < 2026-11-24T10:00:00Z`)).toBe(
      5000,
    );
    expect(await count(`Company = 'O\\'Brien \\\\ Sons'`)).toBe(0);
    const limited = await conn.query<LeadRow>(
      `SELECT Id, NumberOfEmployees FROM Lead WHERE Company = 'Acme' ORDER BY NumberOfEmployees DESC LIMIT 3 OFFSET 1`,
    );
    expect(limited.records.map((r) => (r as unknown as { NumberOfEmployees: number }).NumberOfEmployees)).toEqual([
      4996, 4994, 4992,
    ]);
    expect(limited.totalSize).toBe(3);
  });

  it('returns parent fields as nested records and deleted ones only to queryAll', async () => {
    const [account] = sf.insert('Account', [{ Name: 'Initech' }]);
    const [contact] = sf.insert('Contact', [{ LastName: 'Lumbergh', AccountId: account!.Id }]);
    sf.insert('Contact', [{ LastName: 'Orphan' }]);
    const rows = await conn.query<Record<string, unknown>>(
      `SELECT Id, Name, Account.Name, Owner.Username FROM Contact ORDER BY LastName`,
    );
    expect(rows.records[0]).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${String(contact!.Id)}` },
      Id: contact!.Id,
      Name: 'Lumbergh',
      Account: {
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${String(account!.Id)}` },
        Name: 'Initech',
      },
      Owner: {
        attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${sf.userId}` },
        Username: sf.username,
      },
    });
    expect(rows.records[1]!.Account).toBeNull();

    sf.delete('Contact', String(contact!.Id));
    expect((await conn.query('SELECT COUNT() FROM Contact')).totalSize).toBe(1);
    const all = await conn.query<{ Id: string; IsDeleted: boolean }>('SELECT Id, IsDeleted FROM Contact').scanAll(true);
    expect(all.records.find((r) => r.Id === contact!.Id)?.IsDeleted).toBe(true);
  });

  it('refuses what Salesforce refuses, with its error codes', async () => {
    const failure = (soql: string) =>
      conn.query(soql).then(
        () => null,
        (e: Error & { errorCode?: string }) => ({ errorCode: e.errorCode, message: e.message }),
      );
    const unknownField = await failure('SELECT Id, Fleet_Size__c FROM Lead');
    expect(unknownField?.errorCode).toBe('INVALID_FIELD');
    expect(unknownField?.message).toContain("No such column 'Fleet_Size__c' on entity 'Lead'");
    expect(unknownField?.message).toContain('ERROR at Row:1:Column:12');
    expect((await failure('SELECT Id FROM Lead WHERE'))?.errorCode).toBe('MALFORMED_QUERY');
    expect(
      (await failure('SELECT Id FROM Lead WHERE Rating = null AND Company = null OR Email = null'))?.errorCode,
    ).toBe('MALFORMED_QUERY');
    expect((await failure('SELECT Id FROM Prospect'))?.errorCode).toBe('INVALID_TYPE');
    expect(await failure(`SELECT Id FROM Lead WHERE SystemModstamp > '2026-11-24T09:00:00Z'`)).toEqual({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining(
        "value of filter criterion for field 'SystemModstamp' must be of type dateTime and should not be enclosed in quotes",
      ),
    });
    expect((await failure(`SELECT Id FROM Lead WHERE Description = 'x'`))?.message).toContain(
      "field 'Description' can not be filtered in query call",
    );
    expect((await failure(`SELECT Id FROM Lead WHERE Id = 'nope'`))?.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect((await failure('SELECT Id FROM SDR_Call_Event__e'))?.errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
    await expect(conn.queryMore('/services/data/v62.0/query/01gXXXXXXXXXXXXXXX-2000')).rejects.toMatchObject({
      errorCode: 'INVALID_QUERY_LOCATOR',
    });
  });
});
