import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestContext } from '@salesforce/core/testSetup';
import RoutingSimulate from '../../../src/commands/sdr/routing/simulate.ts';
import type { SalesforceStandIn } from '../../../../../backend/test/stand-ins/salesforce/index.ts';
import {
  authoriseOrg,
  captureUx,
  connectedTenant,
  saveConnection,
  startBackend,
  startOrg,
  type RunningBackend,
} from '../../harness.ts';

describe('sf sdr routing simulate', () => {
  const $$ = new TestContext();
  const dir = mkdtempSync(join(tmpdir(), 'sdr-routing-'));
  let backend: RunningBackend;
  let sf: SalesforceStandIn;
  let ux: ReturnType<typeof captureUx>;
  let apiKey: string;
  let ana: string;
  let ben: string;

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${backend.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const rule = (id: string, target: unknown, conditions: unknown[] = []) => ({
    id,
    name: id,
    conditions,
    target,
    skills: [],
    slaMinutes: null,
  });

  beforeAll(async () => {
    [backend, sf] = await Promise.all([startBackend(), startOrg()]);
    ({ apiKey } = await connectedTenant(backend));
    const user = async (name: string, email: string) =>
      (await api('PUT', '/v1/users', { name, email, role: 'sdr', workingHours: [] })).body.id as string;
    ana = await user('Ana Ruiz', 'ana@acme.example.com');
    ben = await user('Ben Okafor', 'ben@acme.example.com');
    const leads = [1, 2, 3, 4, 5, 6].map((n) => ({
      crmId: `00Q5g00000SIM${String(n).padStart(3, '0')}AAA`,
      lastName: `Lead ${n}`,
      companyName: `Company ${n}`,
      source: n <= 2 ? 'Web' : 'Event',
    }));
    expect((await api('PUT', '/v1/leads', leads)).status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all([backend?.close(), sf?.close()]);
  });
  beforeEach(async () => {
    await authoriseOrg($$, sf);
    ux = captureUx($$);
    saveConnection($$, sf.orgId, backend.url, apiKey);
  });

  it('shows per SDR and per rule what the proposed rules would do', async () => {
    const file = write('rules.json', {
      rules: [
        rule('web-to-ana', { type: 'user', userId: ana }, [{ field: 'lead.source', operator: 'eq', value: 'Web' }]),
        rule('rest-to-ben', { type: 'user', userId: ben }),
      ],
    });
    const result = await RoutingSimulate.run(['--target-org', sf.username, '--file', file]);
    expect(result).toMatchObject({ file, leads: 6 });
    expect(result.byRule).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'web-to-ana', leads: 2 }),
        expect.objectContaining({ ruleId: 'rest-to-ben', leads: 4 }),
      ]),
    );
    const row = (name: string) => result.distribution.find((r) => r.name === name);
    expect(row('Ana Ruiz')).toMatchObject({ proposed: 2 });
    expect(row('Ben Okafor')).toMatchObject({ proposed: 4 });
    const tables = ux.table.getCalls().map((call) => call.args[0]);
    expect(tables[0]!.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ sdr: 'Ben Okafor', proposed: 4 })]),
    );
    expect(
      ux.log
        .getCalls()
        .map((call) => String(call.args[0]))
        .join('\n'),
    ).toMatch(/of 6 leads would change owner/);
  });

  it('takes a bare list of rules and --leads', async () => {
    const file = write('list.json', [rule('all-to-ana', { type: 'user', userId: ana })]);
    const result = await RoutingSimulate.run(['--target-org', sf.username, '--file', file, '--leads', '3']);
    expect(result.leads).toBe(3);
    expect(result.byRule).toEqual([expect.objectContaining({ ruleId: 'all-to-ana', leads: 3 })]);
  });

  it('checks the rules locally and reports every problem with its path', async () => {
    const file = write('bad.json', {
      rules: [
        rule('a', { type: 'pool', members: [] }),
        rule('a', { type: 'user', userId: ana }, [{ field: 'lead.source', operator: 'between', value: 'x' }]),
      ],
    });
    const error = await RoutingSimulate.run(['--target-org', sf.username, '--file', file]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidError' });
    const paths = (error as { data: { problems: Array<{ path: string }> } }).data.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['rules[0].target.members', 'rules[1].conditions[0].value']));
  });

  it("shows the service's refusal field by field, as paths in the file", async () => {
    const file = write('unknown-user.json', { rules: [rule('ghost', { type: 'user', userId: 'no-such-user' })] });
    const error = await RoutingSimulate.run(['--target-org', sf.username, '--file', file]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RefusedError', message: expect.stringMatching(/rules\[0\]\.target/) });
  });
});
