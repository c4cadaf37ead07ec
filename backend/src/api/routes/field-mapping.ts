import { Router } from 'express';
import { routes, type FieldMappingUpdate } from '@sdr/shared';
import { openCrm, type CrmContext } from '../../integrations/crm/crm-access.ts';
import { applyMappingUpdate, mappingProblems, mappingView } from '../../integrations/crm/field-mapping.ts';
import { DEFAULT_MAPPINGS } from '../../integrations/crm/default-mapping.ts';
import type { CrmObject, CrmPort } from '../../integrations/crm/port.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { HttpProblem } from '../problems.ts';
import { tenantRoute } from '../route.ts';
import { tenantCrm } from './crm.ts';

/**
 * Every CRM field an update names, by record kind, with where it came from in the body. Score fields are written,
 * so they must exist and be updateable; read fields must exist.
 */
function namedFields(update: FieldMappingUpdate, crm: 'salesforce' | 'hubspot') {
  const named: { object: CrmObject; field: string; path: string; written: boolean }[] = [];
  for (const [object, map] of Object.entries(update.fields ?? {}))
    for (const [key, field] of Object.entries(map ?? {}))
      if (field)
        named.push({ object: object as CrmObject, field, path: `body.fields.${object}.${key}`, written: false });
  for (const [object, map] of Object.entries(update.scores ?? {}))
    for (const [key, field] of Object.entries(map ?? {}))
      if (field)
        named.push({ object: object as CrmObject, field, path: `body.scores.${object}.${key}`, written: true });
  // A custom field feeds a feature from whichever record carries it: people or their company.
  const people: CrmObject = crm === 'salesforce' ? 'lead' : 'contact';
  (update.features ?? []).forEach((feature, index) =>
    named.push({ object: people, field: feature.crmField, path: `body.features.${index}.crmField`, written: false }),
  );
  return named;
}

async function unknownFields(port: CrmPort, named: ReturnType<typeof namedFields>, crm: 'salesforce' | 'hubspot') {
  const described = new Map<CrmObject, Map<string, { updateable: boolean }>>();
  const fieldsOf = async (object: CrmObject) => {
    if (!described.has(object))
      described.set(object, new Map((await port.describeFields(object)).map((f) => [f.name, f])));
    return described.get(object)!;
  };
  const problems: { field: string; message: string }[] = [];
  for (const entry of named) {
    const objects: CrmObject[] =
      entry.path.includes('.features.') && crm === 'salesforce' ? ['lead', 'contact', 'company'] : [entry.object];
    const found = (await Promise.all(objects.map(fieldsOf))).map((fields) => fields.get(entry.field)).find(Boolean);
    const name = DEFAULT_MAPPINGS[crm].objects[entry.object]?.name ?? entry.object;
    if (!found) problems.push({ field: entry.path, message: `${name} has no field ${entry.field}` });
    else if (entry.written && !found.updateable)
      problems.push({ field: entry.path, message: `${name}.${entry.field} cannot be written` });
  }
  return problems;
}

export function fieldMappingRoutes(deps: { context: CrmContext }): Router {
  const router = Router();

  tenantRoute(router, routes.getFieldMapping, async ({ tenant }) => {
    const { crm } = await tenantCrm(tenant);
    return { status: 200, body: mappingView(crm, await readSettings(tenant.db.client)) };
  });

  tenantRoute(router, routes.updateFieldMapping, async ({ tenant, body }) => {
    const { crm } = await tenantCrm(tenant);
    const structural = mappingProblems(crm, body);
    if (structural.length)
      throw new HttpProblem(400, structural.map((p) => `${p.field}: ${p.message}`).join('; '), structural);
    // With a CRM connected, a typo is caught now rather than as a failed sync tonight.
    const connected = await openCrm(tenant.db, deps.context);
    if (connected) {
      const problems = await unknownFields(connected.port, namedFields(body, crm), crm);
      if (problems.length)
        throw new HttpProblem(400, problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    }
    const settings = await readSettings(tenant.db.client);
    const next = applyMappingUpdate(settings, body);
    await tenant.db.write(async (tx) => {
      const row = await tx.tenant.findFirst({ select: { settings: true } });
      const stored = (row?.settings ?? {}) as Record<string, unknown>;
      await tx.tenant.update({
        where: { id: tenant.tenantId },
        data: { settings: { ...stored, crmMapping: next.crmMapping, fieldMapping: next.fieldMapping } },
      });
    });
    return { status: 200, body: mappingView(crm, await readSettings(tenant.db.client)) };
  });

  return router;
}
