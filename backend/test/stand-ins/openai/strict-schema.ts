import { invalidRequest, type OpenAiApiError } from './error-bodies.ts';

type Schema = Record<string, unknown>;
type PathPart = string | number;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
// Keywords the Structured Outputs guide lists as unsupported in strict mode.
const UNSUPPORTED = [
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
  'patternProperties',
];
// Where subschemas sit, by keyword: a single schema, a list, or a map of them.
const SINGLE = ['items', 'additionalItems', 'contains'];
const LISTS = ['anyOf', 'oneOf', 'prefixItems'];
const MAPS = ['properties', '$defs', 'definitions'];

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// The API names the failing place as a Python tuple: `context=()`, `context=('properties', 'a')`.
function context(path: readonly PathPart[]): string {
  const parts = path.map((part) => (typeof part === 'number' ? String(part) : `'${part}'`));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/**
 * The subset of JSON Schema that `strict: true` accepts: an object at the root, and every object closed
 * (`additionalProperties: false`) with every property required. The first violation is reported the way the API
 * reports it; keywords outside the subset that the API tolerates are not checked.
 */
export function strictSchemaViolation(name: string, schema: unknown): OpenAiApiError | undefined {
  const fail = (message: string) =>
    invalidRequest(`Invalid schema for response_format '${name}': ${message}`, 'response_format');
  if (!isSchema(schema)) return fail('schema must be a JSON Schema of \'type: "object"\'.');
  if (schema.type !== 'object') {
    const got = schema.type === undefined ? (schema.anyOf ? 'anyOf' : 'None') : JSON.stringify(schema.type);
    return fail(`schema must be a JSON Schema of 'type: "object"', got 'type: ${got}'.`);
  }

  const visit = (node: unknown, path: PathPart[]): string | undefined => {
    if (!isSchema(node)) return `In context=${context(path)}, schema must be a JSON object.`;
    const where = `In context=${context(path)}`;
    for (const keyword of UNSUPPORTED) {
      if (keyword in node) return `${where}, '${keyword}' is not permitted.`;
    }
    const types = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
    for (const type of types) {
      if (typeof type !== 'string' || !TYPES.has(type)) return `${where}, '${String(type)}' is not a valid type.`;
    }
    if (types.length === 0 && !('$ref' in node) && !('anyOf' in node) && !('enum' in node) && !('const' in node)) {
      return `${where}, schema must have a 'type' key.`;
    }
    if (types.includes('object')) {
      if (node.additionalProperties !== false) {
        return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
      }
      const keys = Object.keys(isSchema(node.properties) ? node.properties : {});
      const required = Array.isArray(node.required) ? node.required : undefined;
      const missing = keys.filter((key) => !required?.includes(key));
      if (!required || missing.length > 0) {
        return (
          `${where}, 'required' is required to be supplied and to be an array including every key in properties.` +
          (missing.length > 0 ? ` Missing '${missing[0]}'.` : '')
        );
      }
    }
    for (const keyword of SINGLE) {
      if (keyword in node) {
        const problem = visit(node[keyword], [...path, keyword]);
        if (problem) return problem;
      }
    }
    for (const keyword of LISTS) {
      const list = node[keyword];
      if (list === undefined) continue;
      if (!Array.isArray(list)) return `${where}, '${keyword}' must be an array.`;
      for (const [index, child] of list.entries()) {
        const problem = visit(child, [...path, keyword, index]);
        if (problem) return problem;
      }
    }
    for (const keyword of MAPS) {
      const map = node[keyword];
      if (map === undefined) continue;
      if (!isSchema(map)) return `${where}, '${keyword}' must be an object.`;
      for (const [key, child] of Object.entries(map)) {
        const problem = visit(child, [...path, keyword, key]);
        if (problem) return problem;
      }
    }
    return undefined;
  };

  const problem = visit(schema, []);
  return problem ? fail(problem) : undefined;
}
