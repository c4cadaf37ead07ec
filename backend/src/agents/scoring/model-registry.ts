import type { ModelKind, ModelMetrics, ModelTarget, ModelTraining, ModelVersion } from '@sdr/shared';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../db/generated/client.ts';
import type { ScopedTransaction, TenantDb } from '../../db/tenant-db.ts';
import type { ScopedClient } from '../../db/tenant-scope.ts';
import type { ConversionModel } from '../../ml/conversion-model.ts';
import type { Metrics } from '../../ml/metrics.ts';
import { forgetScorer } from './scorer-setup.ts';

/**
 * A tenant's model versions. Exactly one is active at a time; versions are never deleted, so any of them can be
 * made active again (rollback). Versions are named by day and a counter: 2026-11-24.1, 2026-11-24.2, ...
 */

type Reader = ScopedClient | ScopedTransaction;
type ModelRow = Prisma.ModelVersionGetPayload<object>;

export interface StoredModel {
  row: ModelRow;
  /** The learnt model; null for a rules version. */
  artifact: ConversionModel | null;
}

/** What a version row's `artifact` column holds. */
interface Artifact {
  model: ConversionModel | null;
  training: ModelTraining | null;
  promotedAt: string | null;
}

const artifactOf = (row: ModelRow) => row.artifact as unknown as Partial<Artifact>;
const stored = (row: ModelRow): StoredModel => ({ row, artifact: artifactOf(row).model ?? null });

export function publicMetrics(metrics: Metrics): ModelMetrics {
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  return {
    rocAuc: finite(metrics.rocAuc),
    prAuc: finite(metrics.prAuc),
    brier: metrics.brier,
    logLoss: metrics.logLoss,
    baseRate: metrics.baseRate,
    topDecileLift: finite(metrics.topDecileLift),
    rows: metrics.rows,
    calibration: metrics.calibration,
  };
}

export function toModelVersion(row: ModelRow): ModelVersion {
  return {
    id: row.id,
    version: row.version,
    kind: row.kind as ModelKind,
    status: row.status as ModelVersion['status'],
    target: row.target as ModelTarget,
    metrics: Object.keys(row.metrics as object).length > 0 ? (row.metrics as ModelMetrics) : null,
    rows: row.rows,
    training: artifactOf(row).training ?? null,
    trainedAt: row.trainedAt.toISOString(),
    promotedAt: artifactOf(row).promotedAt ?? null,
  };
}

async function nextVersionName(db: Reader, now: Date): Promise<string> {
  const day = now.toISOString().slice(0, 10);
  const sameDay = await db.modelVersion.findMany({
    where: { version: { startsWith: `${day}.` } },
    select: { version: true },
  });
  const highest = sameDay.reduce((max, row) => Math.max(max, Number(row.version.slice(day.length + 1)) || 0), 0);
  return `${day}.${highest + 1}`;
}

export async function findVersion(db: Reader, version: string): Promise<StoredModel | null> {
  const row = await db.modelVersion.findFirst({ where: { version } });
  return row ? stored(row) : null;
}

export async function activeVersion(db: Reader): Promise<StoredModel | null> {
  const row = await db.modelVersion.findFirst({ where: { status: 'active' }, orderBy: { trainedAt: 'desc' } });
  return row ? stored(row) : null;
}

export interface NewVersion {
  kind: ModelKind;
  target: ModelTarget;
  metrics: Metrics | null;
  rows: number;
  training: ModelTraining;
  model: ConversionModel | null;
  activate: boolean;
}

/** Stores a version; when it is to be active, the previously active one is retired in the same transaction. */
export async function storeVersion(tenant: TenantDb, input: NewVersion, now: Date): Promise<ModelVersion> {
  const stored = await tenant.write(async (tx) => {
    const version = await nextVersionName(tx, now);
    if (input.activate) await tx.modelVersion.updateMany({ where: { status: 'active' }, data: { status: 'retired' } });
    const row = await tx.modelVersion.create({
      data: {
        tenantId: tenant.tenantId,
        id: randomUUID(),
        version,
        kind: input.kind,
        status: input.activate ? 'active' : 'candidate',
        target: input.target,
        metrics: input.metrics ? publicMetrics(input.metrics) : {},
        rows: input.rows,
        artifact: {
          model: input.model,
          training: input.training,
          promotedAt: input.activate ? now.toISOString() : null,
        } satisfies Artifact as unknown as Prisma.InputJsonValue,
        trainedAt: now,
      },
    });
    return toModelVersion(row);
  });
  if (input.activate) forgetScorer(tenant.tenantId);
  return stored;
}

/** Makes a version the active one (promotion or rollback); the one active before is retired. */
export async function activateVersion(tenant: TenantDb, version: string, now: Date): Promise<ModelVersion | null> {
  const activated = await tenant.write(async (tx) => {
    const row = await tx.modelVersion.findFirst({ where: { version } });
    if (!row) return null;
    await tx.modelVersion.updateMany({ where: { status: 'active', NOT: { id: row.id } }, data: { status: 'retired' } });
    const artifact = { ...(row.artifact as object), promotedAt: now.toISOString() };
    const updated = await tx.modelVersion.update({
      where: tenant.key(row.id),
      data: { status: 'active', artifact: artifact as Prisma.InputJsonValue },
    });
    return toModelVersion(updated);
  });
  // After the commit, so no request can cache the old model again in between.
  forgetScorer(tenant.tenantId);
  return activated;
}

export async function listVersions(db: Reader): Promise<ModelVersion[]> {
  const rows = await db.modelVersion.findMany({ orderBy: { trainedAt: 'desc' } });
  return rows.map(toModelVersion);
}
