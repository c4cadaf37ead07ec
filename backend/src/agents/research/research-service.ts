import { randomUUID } from 'node:crypto';
import type { ResearchReport } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import type { TenantDb } from '../../db/tenant-db.ts';
import type { LlmPort } from '../../integrations/llm/index.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { normaliseCompanyNumber } from '../../integrations/companies-house/company-number.ts';
import type { CompanyRegister } from './company-register.ts';
import { composeReport, type ComposedReport } from './compose-report.ts';
import type { CrmSummary } from './crm-findings.ts';

type ReportRow = Prisma.ResearchReportGetPayload<object>;

export interface ResearchDeps {
  register: CompanyRegister | null;
  llm: LlmPort | null;
  now: () => Date;
}

/** A report whose register half could not be read is worth retrying soon, not in a month. */
const RETRY_UNAVAILABLE_MS = 60 * 60_000;
const DAY_MS = 86_400_000;
const MAX_CONTACTS = 10;

export class UnknownSubjectError extends Error {
  readonly kind: 'company' | 'lead' | 'lead_without_company';
  constructor(kind: UnknownSubjectError['kind']) {
    super(kind);
    this.kind = kind;
  }
}

/** The report as the API shows it: the stored row, with the composed parts once it is completed. */
export function reportView(row: ReportRow): ResearchReport {
  const body = (row.report ?? null) as Omit<ComposedReport, 'newlyMatchedNumber'> | null;
  return {
    id: row.id,
    companyId: row.companyId,
    status: row.status as ResearchReport['status'],
    overview: body?.overview ?? null,
    overviewFactIds: body?.overviewFactIds ?? [],
    writtenBy: body?.writtenBy ?? null,
    registerMatch: body?.registerMatch ?? null,
    keyPeople: body?.keyPeople ?? [],
    recentEvents: body?.recentEvents ?? [],
    riskFlags: body?.riskFlags ?? [],
    crmContext: body?.crmContext ?? null,
    talkingPoints: body?.talkingPoints ?? [],
    facts: body?.facts ?? [],
    sources: body?.sources ?? [],
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

async function companyIdOf(tenant: TenantDb, request: { companyId?: string; leadId?: string }): Promise<string> {
  if (request.companyId) {
    const company = await tenant.client.company.findFirst({ where: { id: request.companyId }, select: { id: true } });
    if (!company) throw new UnknownSubjectError('company');
    return company.id;
  }
  const lead = await tenant.client.lead.findFirst({ where: { id: request.leadId! }, select: { companyId: true } });
  if (!lead) throw new UnknownSubjectError('lead');
  if (!lead.companyId) throw new UnknownSubjectError('lead_without_company');
  return lead.companyId;
}

/**
 * The report for a company: one being written, or a fresh completed one (unless a refresh is asked for), else a new
 * pending report that the caller must start. The company's row is locked while deciding, so requests racing for one
 * company share a single report instead of researching it twice.
 */
export async function requestResearch(
  tenant: TenantDb,
  request: { companyId?: string; leadId?: string; refresh: boolean },
  now: Date,
): Promise<{ report: ReportRow; created: boolean }> {
  const companyId = await companyIdOf(tenant, request);
  return tenant.write(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Company" WHERE "tenantId" = ${tenant.tenantId} AND "id" = ${companyId} FOR UPDATE`;
    const open = await tx.researchReport.findFirst({
      where: { companyId, status: { in: ['pending', 'running'] } },
      orderBy: { createdAt: 'desc' },
    });
    if (open) return { report: open, created: false };
    if (!request.refresh) {
      const fresh = await tx.researchReport.findFirst({
        where: { companyId, status: 'completed', expiresAt: { gt: now } },
        orderBy: { createdAt: 'desc' },
      });
      if (fresh) return { report: fresh, created: false };
    }
    const report = await tx.researchReport.create({
      data: { tenantId: tenant.tenantId, id: randomUUID(), companyId, status: 'pending', createdAt: now },
    });
    return { report, created: true };
  });
}

async function crmSummaryOf(tenant: TenantDb, companyId: string): Promise<CrmSummary & { company: CompanyRow }> {
  const company = await tenant.client.company.findFirstOrThrow({
    where: { id: companyId },
    include: { owner: { select: { id: true, name: true } } },
  });
  const [leadCount, opportunities, lastActivity, contacts] = await Promise.all([
    tenant.client.lead.count({ where: { companyId } }),
    tenant.client.opportunity.findMany({
      where: { companyId, isClosed: false },
      select: { name: true, amount: true, currency: true, competitors: true },
      orderBy: { name: 'asc' },
    }),
    tenant.client.activity.findFirst({
      where: { lead: { companyId } },
      orderBy: { occurredAt: 'desc' },
      select: { occurredAt: true, type: true, subject: true },
    }),
    tenant.client.lead.findMany({
      where: { companyId, title: { not: null } },
      select: { firstName: true, lastName: true, title: true },
      orderBy: { updatedAt: 'desc' },
      take: MAX_CONTACTS,
    }),
  ]);
  return {
    company,
    companyName: company.name,
    leadCount,
    openOpportunities: opportunities.map((deal) => ({
      name: deal.name,
      amount: deal.amount === null ? null : Number(deal.amount),
      currency: deal.currency,
      competitors: deal.competitors,
    })),
    lastActivity: lastActivity
      ? { at: lastActivity.occurredAt, kind: lastActivity.type, subject: lastActivity.subject }
      : null,
    accountOwner: company.owner,
    contacts: contacts.map((lead) => ({
      name: [lead.firstName, lead.lastName].filter(Boolean).join(' '),
      title: lead.title,
    })),
    employees: company.employees,
  };
}

type CompanyRow = Prisma.CompanyGetPayload<{ include: { owner: { select: { id: true; name: true } } } }>;

/**
 * Writes a pending report: running while it works, then completed with every part, or failed with the reason. A
 * register outage still completes (with the CRM's half and a short expiry); only the unexpected fails a report.
 */
export async function runResearch(
  tenant: TenantDb,
  reportId: string,
  deps: ResearchDeps,
  signal?: AbortSignal,
): Promise<ReportRow | null> {
  const claimed = await tenant.client.researchReport.updateMany({
    where: { id: reportId, status: 'pending' },
    data: { status: 'running' },
  });
  if (claimed.count === 0) return null;
  const row = await tenant.client.researchReport.findFirstOrThrow({ where: { id: reportId } });
  try {
    const summary = await crmSummaryOf(tenant, row.companyId);
    const { company } = summary;
    const composed = await composeReport({
      subject: {
        name: company.name,
        domain: company.domain,
        country: company.country,
        postcode: company.postcode,
        chosenNumber: company.registerNumberSource === 'chosen' ? company.registerNumber : null,
        matchedNumber:
          company.registerNumberSource === 'matched' ? company.registerNumber : (company.companyNumber ?? null),
      },
      crm: summary,
      register: deps.register,
      llm: deps.llm,
      now: deps.now(),
      ...(signal ? { signal } : {}),
    });
    const { newlyMatchedNumber, ...report } = composed;
    const settings = await readSettings(tenant.client);
    const completedAt = deps.now();
    const unavailable = report.registerMatch.status === 'unavailable' || report.registerMatch.missing.length > 0;
    const expiresAt = new Date(
      completedAt.getTime() + (unavailable ? RETRY_UNAVAILABLE_MS : settings.research.ttlDays * DAY_MS),
    );
    return await tenant.write(async (tx) => {
      if (newlyMatchedNumber)
        // Only where nobody chose an entry meanwhile: a person's choice always wins over a match.
        await tx.company.updateMany({
          where: { id: company.id, OR: [{ registerNumberSource: null }, { registerNumberSource: 'matched' }] },
          data: { registerNumber: newlyMatchedNumber, registerNumberSource: 'matched' },
        });
      await tx.researchReport.updateMany({
        where: { id: reportId },
        data: {
          status: 'completed',
          report: report as unknown as Prisma.InputJsonValue,
          error: null,
          completedAt,
          expiresAt,
        },
      });
      return tx.researchReport.findFirstOrThrow({ where: { id: reportId } });
    });
  } catch (error) {
    await tenant.client.researchReport.updateMany({
      where: { id: reportId },
      data: {
        status: 'failed',
        error: 'The research could not be completed. Try again in a few minutes.',
        completedAt: deps.now(),
      },
    });
    throw error;
  }
}

/** Remembers which register entry a company is (a person's choice sticks), or forgets it with null. */
export async function chooseRegisterEntry(
  tenant: TenantDb,
  companyId: string,
  companyNumber: string | null,
): Promise<string | null> {
  const normalised = companyNumber === null ? null : normaliseCompanyNumber(companyNumber);
  if (companyNumber !== null && normalised === null) throw new InvalidCompanyNumber();
  const updated = await tenant.client.company.updateMany({
    where: { id: companyId },
    data: { registerNumber: normalised, registerNumberSource: normalised === null ? null : 'chosen' },
  });
  if (updated.count === 0) throw new UnknownSubjectError('company');
  return normalised;
}

/** Not a number the register could have: eight digits, or two letters and six digits. */
export class InvalidCompanyNumber extends Error {}
