import fc from 'fast-check';

/**
 * fast-check arbitraries from the JSON Schemas of the OpenAPI document: values that fit a schema
 * (strings of its length and pattern, uuids from a pool of real ids, enums, integers in range,
 * required and optional properties), and the hostile ones an attacker sends instead.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  nullable?: boolean;
}

export interface SchemaContext {
  /** Resolves `#/components/schemas/…`. */
  components: Record<string, JsonSchema>;
  /** Real ids of the test org, so generated requests reach existing rows as well as missing ones. */
  ids: string[];
}

const megabyte = 'x'.repeat(1024 * 1024);

/** Strings an attacker tries: traversal, SQL and template metacharacters, unicode edge cases, huge. */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  "' OR 1=1 --",
  "'; drop table people; --",
  '" OR ""="',
  "1' union select password_hash from credentials --",
  '\\',
  '%',
  '%00',
  '%ff%fe',
  '%c0%af',
  '%ed%a0%80',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'lone \udfff surrogate',
  'x\ud83dy',
  '\u202eevil\u202c',
  'مرحبا بالعالم',
  '\u200b\u200c\u200d\ufeff',
  'e\u0301\u0301\u0301',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧑‍🤝‍🧑',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell probe, literally.
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-1',
  '9007199254740993',
  '1e309',
  '2026-02-30T25:61:00Z',
  '\r\nX-Injected: 1',
  'é'.repeat(70_000),
  megabyte,
];

/** Values of the wrong type, or numbers no JavaScript number holds exactly. */
export const hostileValues: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e-308,
  0.5,
  [],
  [null],
  {},
  { $gt: '' },
  [[[[[[[[[[[]]]]]]]]]]],
  Array.from({ length: 5_000 }, (_, i) => i),
];

export const hostileArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.constantFrom(...hostileValues),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

export function arbitraryOf(schema: JsonSchema, context: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = context.components[name];
    return target && depth < 6 ? arbitraryOf(target, context, depth + 1) : fc.constant({});
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((s) => arbitraryOf(s, context, depth + 1)));
  if (schema.allOf?.length) {
    return fc
      .tuple(...schema.allOf.map((s) => arbitraryOf(s, context, depth + 1)))
      .map((parts) => Object.assign({}, ...parts.filter((p) => typeof p === 'object' && p !== null)));
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ['object'];
  const options = types.map((type) => arbitraryOfType(type, schema, context, depth));
  if (schema.nullable) options.push(fc.constant(null));
  return options.length === 1 ? (options[0] as fc.Arbitrary<unknown>) : fc.oneof(...options);
}

function arbitraryOfType(
  type: string,
  schema: JsonSchema,
  context: SchemaContext,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000);
      return type === 'integer'
        ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) })
        : fc.double({ min, max, noNaN: true });
    }
    case 'string':
      return stringArbitrary(schema, context);
    case 'array':
      return fc.array(schema.items ? arbitraryOf(schema.items, context, depth + 1) : fc.anything(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      });
    default:
      return objectArbitrary(schema, context, depth);
  }
}

function stringArbitrary(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<string> {
  if (schema.format === 'uuid')
    return context.ids.length ? fc.oneof(fc.constantFrom(...context.ids), fc.uuid()) : fc.uuid();
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 60, 60));
  if (schema.pattern) {
    // `^[class]+$` (base64url fields): strings of that alphabet in the schema's length range;
    // other patterns: what fast-check makes of the pattern, cut to the maximum length.
    const alphabet = /^\^\[([^\]]+)\][+*]\$$/.exec(schema.pattern)?.[1];
    if (alphabet) {
      const chars = [...alphabet.matchAll(/(.)-(.)|(.)/g)].flatMap(([, from, to, single]) =>
        from && to
          ? Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, i) =>
              String.fromCharCode(from.charCodeAt(0) + i),
            )
          : [single ?? ''],
      );
      return fc.string({ unit: fc.constantFrom(...chars), minLength: Math.max(1, minLength), maxLength });
    }
    const max = schema.maxLength ?? 200;
    return fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, max));
  }
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ minLength, maxLength, unit: 'grapheme' }),
    fc.emailAddress().filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? 254)),
  );
}

function objectArbitrary(schema: JsonSchema, context: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const record = fc.record(
    Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, arbitraryOf(s, context, depth + 1)])),
    { requiredKeys: (schema.required ?? []).filter((key) => key in properties) },
  );
  if (typeof schema.additionalProperties === 'object') {
    const extra = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 12 }),
      arbitraryOf(schema.additionalProperties, context, depth + 1),
      { maxKeys: 3 },
    );
    return fc.tuple(record, extra).map(([known, more]) => ({ ...more, ...known }));
  }
  return record;
}

/** Every path to a value inside a JSON value (the root is `[]`). */
export function leafPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return [path, ...value.slice(0, 8).flatMap((v, i) => leafPaths(v, [...path, i]))];
  if (value && typeof value === 'object') {
    return [path, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]))];
  }
  return [path];
}

/** A copy of `value` with the value at `path` replaced (or removed, with `remove`). */
export function replaceAt(value: unknown, path: Array<string | number>, replacement: unknown, remove = false): unknown {
  if (path.length === 0) return remove ? undefined : replacement;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  if (Array.isArray(value)) {
    const copy = [...value];
    if (remove && rest.length === 0) copy.splice(Number(head), 1);
    else copy[Number(head)] = replaceAt(copy[Number(head)], rest, replacement, remove);
    return copy;
  }
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (remove && rest.length === 0) delete copy[String(head)];
    else copy[String(head)] = replaceAt(copy[String(head)], rest, replacement, remove);
    return copy;
  }
  return value;
}
