// Checks a value against one of the SDK's generated models: every attribute the model declares without `?` in its
// `.d.ts` must be present (and not null), recursively through nested models, arrays, maps, dates and enums.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

interface ModelClass {
  name: string;
  getAttributeTypeMap(): Attribute[];
}

type ModelExports = Record<string, unknown>;

// `wire`: a response body as JSON (wire names, dates as strings). `instance`: what the SDK method resolved with
// (property names, Date objects, instances of the model classes).
export type CheckMode = 'wire' | 'instance';

const require = createRequire(import.meta.url);
const codegenRoot = join(dirname(require.resolve('@hubspot/api-client/package.json')), 'lib', 'codegen');

const modelModules = new Map<string, ModelExports>();
const requiredNames = new Map<string, Set<string>>();

function modelsOf(folder: string): ModelExports {
  let models = modelModules.get(folder);
  if (!models) {
    models = require(join(codegenRoot, folder, 'models', 'all.js')) as ModelExports;
    modelModules.set(folder, models);
  }
  return models;
}

function requiredOf(folder: string, model: string): Set<string> {
  const key = `${folder}/${model}`;
  let required = requiredNames.get(key);
  if (!required) {
    const declaration = readFileSync(join(codegenRoot, folder, 'models', `${model}.d.ts`), 'utf8');
    const body = declaration.split(`export declare class ${model} {`)[1]?.split('static readonly')[0];
    if (body === undefined) throw new Error(`${key}.d.ts declares no class ${model}`);
    required = new Set([...body.matchAll(/^ {4}'([^']+)':/gm)].map((m) => m[1]!));
    requiredNames.set(key, required);
  }
  return required;
}

function isModelClass(value: unknown): value is ModelClass {
  return typeof value === 'function' && 'getAttributeTypeMap' in value;
}

function splitUnion(type: string): string[] {
  // Only top-level unions: `{ [key: string]: string | null; }` is a map, not a union.
  if (type.startsWith('{') || type.startsWith('Array<')) return [type];
  return type.split('|').map((t) => t.trim());
}

function check(value: unknown, type: string, folder: string, mode: CheckMode, path: string, problems: string[]): void {
  const alternatives = splitUnion(type);
  if (alternatives.length > 1) {
    if (value === null && alternatives.includes('null')) return;
    const attempts = alternatives
      .filter((t) => t !== 'null')
      .map((t) => {
        const found: string[] = [];
        check(value, t, folder, mode, path, found);
        return found;
      });
    if (!attempts.some((found) => found.length === 0)) problems.push(...(attempts[0] ?? []));
    return;
  }
  if (type === 'any') return;
  if (type.startsWith('Array<')) {
    if (!Array.isArray(value)) return void problems.push(`${path}: expected an array (${type})`);
    const item = type.slice('Array<'.length, -1);
    value.forEach((entry, index) => check(entry, item, folder, mode, `${path}[${index}]`, problems));
    return;
  }
  const map = /^\{ \[key: string\]: (.*); \}$/.exec(type);
  if (map) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return void problems.push(`${path}: expected an object map (${type})`);
    for (const [key, entry] of Object.entries(value)) check(entry, map[1]!, folder, mode, `${path}.${key}`, problems);
    return;
  }
  switch (type) {
    case 'Date': {
      const valid =
        mode === 'instance'
          ? value instanceof Date && !Number.isNaN(value.getTime())
          : (typeof value === 'string' || typeof value === 'number') && !Number.isNaN(new Date(value).getTime());
      if (!valid) problems.push(`${path}: expected a date, got ${JSON.stringify(value)}`);
      return;
    }
    case 'string':
      // HubSpot sends some ids as JSON numbers where the models say string (the v4 association responses); the
      // SDK passes them through unchanged, so an integer is accepted for a string.
      if (typeof value !== 'string' && !Number.isInteger(value))
        problems.push(`${path}: expected a string, got ${JSON.stringify(value)}`);
      return;
    case 'number':
    case 'boolean':
      if (typeof value !== type) problems.push(`${path}: expected a ${type}, got ${JSON.stringify(value)}`);
      return;
  }
  const definition = modelsOf(folder)[type];
  if (isModelClass(definition)) return checkModel(value, definition, folder, mode, path, problems);
  if (typeof definition === 'object' && definition !== null) {
    if (!Object.values(definition).includes(value))
      problems.push(
        `${path}: ${JSON.stringify(value)} is not one of ${type} (${Object.values(definition).join(', ')})`,
      );
    return;
  }
  problems.push(`${path}: unknown type ${type} in ${folder}`);
}

function checkModel(
  value: unknown,
  model: ModelClass,
  folder: string,
  mode: CheckMode,
  path: string,
  problems: string[],
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return void problems.push(`${path}: expected a ${model.name} object, got ${JSON.stringify(value)}`);
  if (mode === 'instance' && value.constructor.name !== model.name)
    problems.push(`${path}: expected an instance of ${model.name}, got ${value.constructor.name}`);
  const required = requiredOf(folder, model.name);
  for (const attribute of model.getAttributeTypeMap()) {
    const key = mode === 'wire' ? attribute.baseName : attribute.name;
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined || field === null) {
      if (required.has(attribute.name)) problems.push(`${path}.${key}: required by ${model.name} but missing`);
      continue;
    }
    check(field, attribute.type, folder, mode, `${path}.${key}`, problems);
  }
}

// Problems found, as `path: what is wrong` lines; empty when the value satisfies the model.
export function requiredAttributeProblems(
  value: unknown,
  modelName: string,
  moduleFolder: string,
  mode: CheckMode = 'wire',
): string[] {
  const model = modelsOf(moduleFolder)[modelName];
  if (!isModelClass(model)) throw new Error(`${moduleFolder} has no model ${modelName}`);
  const problems: string[] = [];
  checkModel(value, model, moduleFolder, mode, modelName, problems);
  return problems;
}

export function expectRequiredAttributes(
  value: unknown,
  modelName: string,
  moduleFolder: string,
  mode: CheckMode = 'wire',
): void {
  const problems = requiredAttributeProblems(value, modelName, moduleFolder, mode);
  if (problems.length > 0)
    throw new Error(`${modelName} (${moduleFolder}, ${mode}) is incomplete:\n  ${problems.join('\n  ')}`);
}
