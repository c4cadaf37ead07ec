type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const FORMATTED: Record<string, string> = {
  'date-time': '1970-01-01T00:00:00Z',
  date: '1970-01-01',
  time: '00:00:00',
  email: 'someone@example.com',
  uri: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
  hostname: 'example.com',
  ipv4: '127.0.0.1',
  ipv6: '::1',
};

// Resolves a local reference (`#/$defs/Name`, `#/definitions/Name`) against the root schema.
function resolve(root: Schema, ref: string): unknown {
  if (!ref.startsWith('#')) throw new Error(`The stand-in resolves local references only, not ${ref}`);
  return ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => (isSchema(node) ? node[token] : undefined), root);
}

function minimalNumber(schema: Schema, integer: boolean): number {
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const step = integer ? 1 : 0.5;
  const low = num('minimum') ?? (num('exclusiveMinimum') === undefined ? undefined : num('exclusiveMinimum')! + step);
  const high = num('maximum') ?? (num('exclusiveMaximum') === undefined ? undefined : num('exclusiveMaximum')! - step);
  let value = 0;
  if (low !== undefined && value < low) value = low;
  if (high !== undefined && value > high) value = high;
  return integer ? Math.ceil(value) : value;
}

/**
 * The smallest value that satisfies a JSON schema, as a model answering in Structured Outputs might give it: every
 * property present, the first option of an enum or `anyOf`, empty arrays and strings unless a minimum says
 * otherwise, zero (or the nearest bound) for numbers. `pattern` and `multipleOf` are not honoured.
 */
export function minimalInstance(schema: unknown, root: unknown = schema, depth = 0): unknown {
  if (depth > 32) throw new Error('The schema nests too deeply (or refers to itself without an end)');
  if (!isSchema(schema) || !isSchema(root)) return null;
  const next = (child: unknown) => minimalInstance(child, root, depth + 1);

  if (typeof schema.$ref === 'string') return next(resolve(root, schema.$ref));
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const keyword of ['anyOf', 'oneOf']) {
    const options = schema[keyword];
    if (Array.isArray(options) && options.length > 0) return next(options[0]);
  }

  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required : Object.keys(properties);
      return Object.fromEntries(
        Object.entries(properties)
          .filter(([key]) => required.includes(key))
          .map(([key, child]) => [key, next(child)]),
      );
    }
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
      return Array.from({ length: count }, (_, index) => next(index < prefix.length ? prefix[index] : schema.items));
    }
    case 'string': {
      const formatted = typeof schema.format === 'string' ? FORMATTED[schema.format] : undefined;
      if (formatted !== undefined) return formatted;
      return 'x'.repeat(typeof schema.minLength === 'number' ? schema.minLength : 0);
    }
    case 'integer':
      return minimalNumber(schema, true);
    case 'number':
      return minimalNumber(schema, false);
    case 'boolean':
      return false;
    default:
      return null;
  }
}
