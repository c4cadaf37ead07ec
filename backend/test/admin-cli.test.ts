import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../src/db/connect.ts';
import { verifyApiKey } from '../src/tenancy/api-keys.ts';
import { databaseLabel, emptyDatabase } from './support/database.ts';
import { run } from './support/process.ts';

describe(`admin CLI on ${databaseLabel}`, () => {
  let env: NodeJS.ProcessEnv;
  let db: Database | undefined;

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      db = await emptyDatabase();
      env = { DATABASE_URL: String(db.connection.connectionString) };
    } else {
      env = { DATABASE_URL: '', DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'sdr-admin-')) };
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  const admin = (...args: string[]) => run('src/cli/admin.ts', args, env);

  it('creates a tenant, prints its key once, lists it, rotates and revokes keys', async () => {
    const created = await admin(
      'tenant',
      'create',
      '--crm',
      'hubspot',
      '--external-id',
      '4455667',
      '--name',
      'Acme',
      '--json',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const { tenantId, apiKey } = JSON.parse(created.stdout);
    expect(apiKey).toMatch(/^sdr_/);

    const human = await admin(
      'tenant',
      'create',
      '--crm',
      'salesforce',
      '--external-id',
      '00D5g000004XyZ1EAK',
      '--name',
      'Globex',
    );
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/API key \(shown once.*\): sdr_/);

    const listed = JSON.parse((await admin('tenant', 'list', '--json')).stdout);
    expect(listed.map((t: { externalId: string }) => t.externalId)).toEqual(['4455667', '00D5g000004XyZ1EAK']);
    expect(listed[0]).toMatchObject({ id: tenantId, crm: 'hubspot', activeKeys: 1 });

    const second = JSON.parse((await admin('tenant', 'issue-key', '--tenant', tenantId, '--json')).stdout);
    const revoked = await admin('tenant', 'revoke-key', '--tenant', tenantId, '--key', second.keyId, '--json');
    expect(JSON.parse(revoked.stdout)).toEqual({ revoked: 1 });
    expect((await admin('tenant', 'revoke-key', '--tenant', tenantId, '--json')).code).toBe(0);

    const check = db ?? (await import('../src/db/connect.ts')).openDatabase({ dataDir: env.DATA_DIR as string });
    const opened = await check;
    try {
      expect(await verifyApiKey(opened.prisma, apiKey)).toBeNull();
      expect(await verifyApiKey(opened.prisma, second.apiKey)).toBeNull();
    } finally {
      if (!db) await opened.close();
    }
  });

  it('explains bad arguments and changes nothing', async () => {
    const badCrm = await admin('tenant', 'create', '--crm', 'pipedrive', '--external-id', '1', '--name', 'X');
    expect(badCrm.code).toBe(2);
    expect(badCrm.stderr).toContain('--crm must be salesforce or hubspot');
    const badOrg = await admin('tenant', 'create', '--crm', 'salesforce', '--external-id', 'nope', '--name', 'X');
    expect(badOrg.stderr).toContain('Salesforce org id');
    const missing = await admin('tenant', 'create', '--crm', 'hubspot', '--name', 'X');
    expect(missing.stderr).toContain('--external-id is required');
    const duplicate = await admin(
      'tenant',
      'create',
      '--crm',
      'hubspot',
      '--external-id',
      '4455667',
      '--name',
      'Again',
    );
    expect(duplicate.code).toBe(2);
    expect(duplicate.stderr).toContain('already exists');
    const unknown = await admin('tenant', 'create', '--colour', 'red');
    expect(unknown.code).toBe(2);
    expect(JSON.parse((await admin('tenant', 'list', '--json')).stdout)).toHaveLength(2);
  });
});
