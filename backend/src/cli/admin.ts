import { parseArgs } from 'node:util';
import { exitOnError, UserError, withDatabase } from './open-database.ts';
import { createTenant, listTenants, TenantInputError } from '../tenancy/tenants.ts';
import { issueApiKey, revokeApiKey } from '../tenancy/api-keys.ts';

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  tenant create --crm salesforce|hubspot --external-id ID --name NAME [--json]
      Create a tenant for a Salesforce org (org id) or HubSpot portal (portal id); prints its API key once.
  tenant list [--json]
  tenant issue-key --tenant TENANT_ID [--name NAME] [--json]
      Issue another API key (for rotation); prints it once.
  tenant revoke-key --tenant TENANT_ID [--key KEY_ID] [--json]
      Revoke one key, or every key of the tenant.

The database is DATABASE_URL when set, else the embedded database in DATA_DIR (default .data).`;

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      crm: { type: 'string' },
      'external-id': { type: 'string' },
      name: { type: 'string' },
      tenant: { type: 'string' },
      key: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [topic, command] = positionals;
  if (values.help || !topic) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (topic !== 'tenant' || !command) throw new UserError(`Unknown command: ${positionals.join(' ')}`);

  await withDatabase(async (db) => {
    const json = values.json;
    switch (command) {
      case 'create': {
        const created = await createTenant(db.prisma, {
          crm: values.crm,
          externalId: values['external-id'],
          name: values.name,
        });
        print(
          json,
          { tenantId: created.tenantId, apiKey: created.apiKey },
          `Tenant ${created.tenantId} created.\nAPI key (shown once; store it in the CRM's credential): ${created.apiKey}`,
        );
        return;
      }
      case 'list': {
        const tenants = await listTenants(db.prisma);
        print(
          json,
          tenants,
          tenants
            .map(
              (t) =>
                `${t.id}  ${t.crm}  ${t.externalId}  ${t.name}  (${t.activeKeys} active keys, last used ${t.lastKeyUse ?? 'never'})`,
            )
            .join('\n') || 'No tenants.',
        );
        return;
      }
      case 'issue-key': {
        if (!values.tenant) throw new UserError('--tenant is required');
        const tenant = await db.prisma.tenant.findUnique({ where: { id: values.tenant } });
        if (!tenant) throw new UserError(`No tenant ${values.tenant}`);
        const issued = await issueApiKey(db.prisma, tenant.id, values.name ?? 'default');
        print(
          json,
          { tenantId: tenant.id, keyId: issued.keyId, apiKey: issued.apiKey },
          `API key (shown once): ${issued.apiKey}`,
        );
        return;
      }
      case 'revoke-key': {
        if (!values.tenant) throw new UserError('--tenant is required');
        const revoked = await revokeApiKey(db.prisma, values.tenant, values.key);
        if (revoked === 0) throw new UserError('No active key matched');
        print(json, { revoked }, `${revoked} key(s) revoked.`);
        return;
      }
      default:
        throw new UserError(`Unknown command: tenant ${command}\n\n${USAGE}`);
    }
  });
}

main(process.argv.slice(2)).catch(exitOnError(USAGE, [TenantInputError]));
