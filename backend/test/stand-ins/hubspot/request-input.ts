import type { Request } from 'express';
import { unknownObjectType, validationError, type JsonObject } from './error-bodies.ts';
import { resolveObjectType, type ObjectType } from './object-types.ts';

export function objectTypeParam(name: string | undefined): ObjectType {
  const type = resolveObjectType(name ?? '');
  if (!type) throw unknownObjectType(name ?? '');
  return type;
}

export function param(req: Request, name: string): string {
  const value = (req.params as Record<string, string | undefined>)[name];
  if (value === undefined) throw new Error(`Route has no :${name}`);
  return value;
}

// Repeated parameters and comma-separated lists both work, as in HubSpot.
export function queryList(req: Request, name: string): string[] | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw]).map(String);
  return values.flatMap((v) => v.split(',')).filter((v) => v !== '');
}

export function queryString(req: Request, name: string): string | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  return String(Array.isArray(raw) ? raw[0] : raw);
}

export function queryInt(req: Request, name: string): number | undefined {
  const raw = queryString(req, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw validationError(`Invalid value for query parameter ${name}: ${raw}`);
  return value;
}

export function queryBool(req: Request, name: string): boolean {
  return queryString(req, name) === 'true';
}

export function bodyObject(req: Request): JsonObject {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw validationError('Invalid input JSON: the request body must be a JSON object');
  return body as JsonObject;
}

export function inputsOf(body: JsonObject, max: number): unknown[] {
  const inputs = body.inputs;
  if (!Array.isArray(inputs)) throw validationError('Invalid input JSON: "inputs" must be an array');
  if (inputs.length > max)
    throw validationError(`Too many inputs: ${inputs.length}. A batch may contain at most ${max} inputs.`, {
      context: { maxInputs: [String(max)] },
    });
  return inputs;
}

export function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}
