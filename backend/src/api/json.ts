import { Prisma } from '../db/generated/client.ts';

type Jsonish = string | number | boolean | null | Jsonish[] | { [key: string]: Jsonish };

/** Database values in their JSON form: dates as ISO 8601, decimals as numbers (money fits a double here). */
export function toJson(value: unknown): Jsonish {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Prisma.Decimal.isDecimal(value)) return (value as Prisma.Decimal).toNumber();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: Record<string, Jsonish> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = toJson(inner);
    return out;
  }
  return value as Jsonish;
}
