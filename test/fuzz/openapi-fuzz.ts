import { SeededRandom } from '../support/seeded-random';

/**
 * Malformed requests generated from the API's own OpenAPI document: for every operation, every
 * path, query and header parameter and every field of its request body (nested ones included),
 * one value of each category below, chosen with a seeded generator, the rest of the request
 * kept valid; plus malformed whole bodies. The oracle (`problemsOf`) says what a response
 * must not be.
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface OperationInfo {
  id: string;
  method: string;
  /** The path template without the `/api` prefix, e.g. `/plans/{id}`. */
  template: string;
  parameters: Parameter[];
  body?: { schema: Schema; name?: string };
  /** A body that is not JSON (a record's PDF): its media type. */
  rawBody?: string;
}

/** JSON text spliced into a body as it is (numbers JSON.stringify cannot write, deep nesting). */
export class RawJson {
  constructor(readonly text: string) {}
}

export type Category =
  | 'wrong-type'
  | 'null'
  | 'huge'
  | 'deep-nesting'
  | 'nul'
  | 'lone-surrogate'
  | 'invalid-uuid'
  | 'injection'
  | 'prototype-key'
  | 'unicode'
  | 'number-edge'
  | 'big-array'
  | 'pagination'
  | 'repeated'
  | 'traversal'
  | 'real-id'
  | 'body-shape'
  | 'content-type';

export interface FuzzCase {
  operation: OperationInfo;
  /** What was made malformed: `body`, `body.fields.media.title`, `query.page`, `path.id`, `header.Idempotency-Key`. */
  target: string;
  category: Category;
  label: string;
  /** Path and query, percent-encoded, after `/api`. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The field a 400 must name (text PostgreSQL cannot store). */
  mustName?: string;
  /** The statuses allowed besides the general rule (< 500). */
  mustBe?: number[];
}

/** What the fuzzer needs from the test: valid values to keep the rest of each request valid. */
export interface FuzzContext {
  rng: SeededRandom;
  /** A valid value of a path parameter (a real id where there is one). */
  pathValue(operation: OperationInfo, name: string): string;
  /** Real ids of any kind, for a path parameter to get the wrong one. */
  realIds(): string[];
  /** A valid request body: a fixture, else one made from the schema. */
  body(operation: OperationInfo): unknown;
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * The operations under `/api`, whose inputs the fuzz malforms. The sign-in routes beside it
 * (`/auth/*`) take no input the document describes; test/e2e/browser-session.e2e-spec.ts drives them.
 */
export function operationsOf(doc: OpenApiDocument): OperationInfo[] {
  const apiPaths = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/'));
  return apiPaths.flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => {
        const schema = op.requestBody?.content['application/json']?.schema;
        const rawBody = Object.keys(op.requestBody?.content ?? {}).find((type) => type !== 'application/json');
        return {
          id: op.operationId,
          method: method.toUpperCase(),
          template: path.replace(/^\/api/, ''),
          parameters: op.parameters ?? [],
          body: schema ? { schema, name: schema.$ref?.split('/').pop() } : undefined,
          ...(rawBody && !schema ? { rawBody } : {}),
        };
      }),
  );
}

export function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let current: Schema = schema ?? {};
  for (let hops = 0; hops < 10; hops++) {
    if (current.$ref) current = doc.components.schemas[current.$ref.split('/').pop()!] ?? {};
    else if (current.allOf?.length === 1 && !current.type)
      current = { ...current.allOf[0], ...current, allOf: undefined };
    else break;
  }
  return current;
}

/** A schema for an example value (the document gives only an example for free-form maps). */
function schemaOfExample(example: unknown): Schema {
  if (Array.isArray(example)) return { type: 'array', items: schemaOfExample(example[0]), example };
  if (example !== null && typeof example === 'object') {
    return {
      type: 'object',
      example,
      properties: Object.fromEntries(Object.entries(example).map(([k, v]) => [k, schemaOfExample(v)])),
    };
  }
  return { type: typeof example, example };
}

/** Every field of a body schema, nested objects and array items (index 0) included. */
export function fieldsOf(doc: OpenApiDocument, root: Schema): { path: string[]; schema: Schema }[] {
  const fields: { path: string[]; schema: Schema }[] = [];
  const pending: { path: string[]; schema: Schema }[] = [{ path: [], schema: root }];
  while (pending.length > 0) {
    const { path, schema: raw } = pending.shift()!;
    const schema = resolve(doc, raw);
    if (path.length > 0) fields.push({ path, schema });
    if (path.length >= 8) continue;
    const properties =
      schema.properties ?? (schema.type === 'object' ? schemaOfExample(schema.example).properties : undefined);
    for (const [name, child] of Object.entries(properties ?? {}))
      pending.push({ path: [...path, name], schema: child });
    if (schema.type === 'array' && schema.items) pending.push({ path: [...path, '0'], schema: schema.items });
  }
  return fields;
}

/** A valid-looking value of a schema: its example, its first enum value, else one of its type. */
export function sampleOf(doc: OpenApiDocument, raw: Schema | undefined, rng: SeededRandom): unknown {
  const schema = resolve(doc, raw);
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return schema.format === 'uuid' ? rng.uuid() : schema.format === 'date-time' ? '2099-01-01T00:00:00Z' : 'fuzz';
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [sampleOf(doc, schema.items, rng)];
    default:
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, child]) => [name, sampleOf(doc, child, rng)]),
      );
  }
}

/** JSON text of a value in which RawJson pieces are spliced verbatim. */
export function serialize(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v instanceof RawJson ? `\u0001raw${raws.push(v.text) - 1}\u0001` : v,
  );
  return text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_match, index: string) => raws[Number(index)]);
}

/** Sets `value` at `path`, creating the objects and arrays on the way. */
function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  path.slice(0, -1).forEach((segment, i) => {
    if (typeof node[segment] !== 'object' || node[segment] === null)
      node[segment] = /^\d+$/.test(path[i + 1]) ? [] : {};
    node = node[segment] as Record<string, unknown>;
  });
  node[path[path.length - 1]] = value;
}

const protoObject = (json: string) => JSON.parse(json) as unknown;

const INJECTIONS: unknown[] = [
  "' OR '1'='1",
  "'; DROP TABLE plans; --",
  '1; SELECT pg_sleep(10)--',
  '" OR ""="',
  "admin'--",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '../../../../etc/passwd',
  '%00',
  '\\u0000',
  '$ne',
  { $gt: '' },
  { $where: 'sleep(1000)' },
];

const UNICODE = [
  '\u202eevil',
  'a\u200db',
  'e\u0301',
  '😀👨‍👩‍👧',
  '\ufeff',
  '\uffff',
  '\ufffd',
  'Ω≈ç√',
  '\u2028\u2029',
  '\u0001\u001f',
];

const INVALID_UUIDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'c232ab00-9414-11ec-b3c8-9f6bdeced846',
  '123',
  '',
  'ffffffff-ffff-4fff-bfff-ffffffffffffff',
  '{6f9619ff-8b86-4011-b42d-00c04fc964ff}',
];

const deepJson = (rng: SeededRandom) => {
  const depth = rng.int(33, 100_000);
  return rng.next() < 0.5
    ? { label: `[ × ${depth}`, raw: `${'['.repeat(depth)}${']'.repeat(depth)}` }
    : { label: `{"a": × ${depth}`, raw: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` };
};

const hugeText = (rng: SeededRandom) => {
  const unit = rng.pick(['x', 'é', '😀', '<', '\\', ' ']);
  const length = rng.int(10_001, 100_000);
  return { label: `${JSON.stringify(unit)} × ${length}`, value: unit.repeat(length) };
};

/** One malformed value of a category for a body field of `schema`, or none when the category does not apply. */
function bodyValue(
  category: Category,
  schema: Schema,
  rng: SeededRandom,
): { label: string; value: unknown; mustName?: boolean; mustBe?: number[] } | undefined {
  switch (category) {
    case 'wrong-type': {
      const options: unknown[] = [42, -1, 3.5, true, false, {}, [], 'text', [null], [[]]].filter((v) =>
        schema.type === 'array' ? !Array.isArray(v) : typeof v !== schema.type || Array.isArray(v),
      );
      const value = rng.pick(options);
      return { label: JSON.stringify(value), value };
    }
    case 'null':
      return { label: 'null', value: null };
    case 'huge': {
      const { label, value } = hugeText(rng);
      return { label, value };
    }
    case 'deep-nesting': {
      const { label, raw } = deepJson(rng);
      return { label, value: new RawJson(raw), mustBe: [400, 413] };
    }
    case 'nul': {
      const value = rng.pick(['\u0000', 'a\u0000b', `${'x'.repeat(rng.int(1, 300))}\u0000`]);
      return { label: JSON.stringify(value).slice(0, 40), value, mustName: true };
    }
    case 'lone-surrogate': {
      const value = rng.pick(['\ud800', 'a\udbffb', '\udc00', 'x\ud83d', '\ude00\ud83d']);
      return { label: JSON.stringify(value), value, mustName: true };
    }
    case 'invalid-uuid': {
      const value = rng.pick(INVALID_UUIDS);
      return { label: JSON.stringify(value), value };
    }
    case 'injection': {
      const value = rng.pick(INJECTIONS);
      return { label: JSON.stringify(value), value };
    }
    case 'prototype-key': {
      const json = rng.pick([
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"prototype":{"polluted":true}}',
        '[{"__proto__":{"polluted":true}}]',
      ]);
      return { label: json, value: protoObject(json), mustBe: [400] };
    }
    case 'unicode': {
      const value = rng.pick(UNICODE);
      return { label: JSON.stringify(value), value };
    }
    case 'number-edge': {
      const raw = rng.pick(['1e309', '-1e309', '9007199254740993', '-0', '1e-400', '-2147483649', '0.1e1']);
      return { label: raw, value: new RawJson(raw) };
    }
    case 'big-array': {
      // Over a DTO's limit (50 or 100), or over any (1,000).
      const length = rng.next() < 0.5 ? rng.int(101, 1_000) : rng.int(1_001, 20_000);
      const item = rng.pick<unknown>(['x', null, {}, 0]);
      return { label: `[${JSON.stringify(item)} × ${length}]`, value: new Array(length).fill(item) };
    }
    default:
      return undefined;
  }
}

const BODY_CATEGORIES: Category[] = [
  'wrong-type',
  'null',
  'huge',
  'deep-nesting',
  'nul',
  'lone-surrogate',
  'invalid-uuid',
  'injection',
  'prototype-key',
  'unicode',
  'number-edge',
  'big-array',
];

/** Query values, percent-encoded as sent. */
function queryValues(
  category: Category,
  name: string,
  rng: SeededRandom,
): { label: string; raw: string }[] | undefined {
  const encoded = (value: string) => ({ label: JSON.stringify(value), raw: encodeURIComponent(value) });
  switch (category) {
    case 'wrong-type':
      return [encoded(rng.pick(['abc', 'true', '[]', '{}', '1,2', '-']))];
    case 'null':
      return [encoded(rng.pick(['null', '', 'undefined']))];
    case 'huge': {
      const length = rng.int(1_000, 12_000);
      return [{ label: `x × ${length}`, raw: 'x'.repeat(length) }];
    }
    case 'nul':
      return [{ label: '%00', raw: rng.pick(['%00', 'a%00b', 'open%00']) }];
    case 'lone-surrogate':
      // Lone surrogates have no UTF-8 form: these are their CESU-8 bytes and a %u escape.
      return [{ label: 'CESU-8 surrogate', raw: rng.pick(['%ED%A0%80', 'a%ED%B0%80', '%uD800']) }];
    case 'invalid-uuid':
      return [encoded(rng.pick(INVALID_UUIDS))];
    case 'pagination':
      return [
        encoded(
          rng.pick([
            '0',
            '-1',
            '1e20',
            '1.5',
            '9007199254740993',
            'Infinity',
            'NaN',
            '0x10',
            ' 1',
            '+1',
            '100001',
            '101',
          ]),
        ),
        encoded(rng.pick(['-0', '00001', '1e2', '2147483648', ''])),
      ];
    case 'injection': {
      const value = rng.pick(INJECTIONS);
      return [encoded(typeof value === 'string' ? value : JSON.stringify(value))];
    }
    case 'prototype-key':
      return [{ label: `${name}[__proto__]`, raw: `1&${name}[__proto__][polluted]=1` }];
    case 'repeated':
      return [{ label: 'repeated', raw: rng.pick([`1&${name}=2`, `1&${name}[]=2`, `1&${name}[a]=2`]) }];
    case 'unicode':
      return [encoded(rng.pick(UNICODE))];
    default:
      return undefined;
  }
}

const QUERY_CATEGORIES: Category[] = [
  'wrong-type',
  'null',
  'huge',
  'nul',
  'lone-surrogate',
  'invalid-uuid',
  'pagination',
  'injection',
  'prototype-key',
  'repeated',
  'unicode',
];

function pathValues(category: Category, context: FuzzContext): { label: string; raw: string }[] | undefined {
  const { rng } = context;
  const encoded = (value: string) => ({ label: JSON.stringify(value), raw: encodeURIComponent(value) });
  switch (category) {
    case 'invalid-uuid':
      return [encoded(rng.pick(INVALID_UUIDS.filter((v) => v !== ''))), encoded(rng.uuid().toUpperCase())];
    case 'injection': {
      const value = rng.pick(INJECTIONS);
      return [encoded(typeof value === 'string' ? value : JSON.stringify(value))];
    }
    case 'nul':
      return [{ label: '%00', raw: rng.pick(['%00', 'a%00b']) }];
    case 'lone-surrogate':
      return [{ label: 'CESU-8 surrogate', raw: '%ED%A0%80' }];
    case 'huge': {
      const length = rng.int(1_000, 8_000);
      return [{ label: `a × ${length}`, raw: 'a'.repeat(length) }];
    }
    case 'number-edge':
      return [encoded(rng.pick(['0', '-1', '1e3', 'NaN', '99999999999999999999', '1.5', '0x1', 'Infinity']))];
    case 'null':
      return [encoded(rng.pick(['null', 'undefined']))];
    case 'traversal':
      return [{ label: 'traversal', raw: rng.pick(['..', '%2e%2e', '..%2F..%2Fhealth', '%2F', '.']) }];
    case 'real-id':
      return [encoded(rng.pick(context.realIds())), encoded(rng.uuid())];
    case 'unicode':
      return [encoded(rng.pick(UNICODE))];
    default:
      return undefined;
  }
}

const PATH_CATEGORIES: Category[] = [
  'invalid-uuid',
  'injection',
  'nul',
  'lone-surrogate',
  'huge',
  'number-edge',
  'null',
  'traversal',
  'real-id',
  'unicode',
];

/** Malformed whole bodies: not JSON, the wrong JSON, too deep, too large, prototype keys, the wrong media type. */
function bodyShapes(
  base: unknown,
  rng: SeededRandom,
): { label: string; body?: string; contentType?: string; mustBe?: number[] }[] {
  const valid = serialize(base);
  const deep = deepJson(rng);
  const withKey = (key: string) => valid.replace(/^\{/, `{${JSON.stringify(key)}:{"polluted":true},`);
  return [
    { label: 'truncated JSON', body: valid.slice(0, rng.int(1, Math.max(1, valid.length - 1))) },
    { label: 'empty body', body: '' },
    { label: 'not JSON', body: rng.pick(["{'a':1}", 'a=1&b=2', '{"a":1}}', '\u0000', ']']) },
    { label: 'a JSON scalar', body: rng.pick(['null', 'true', '123', '"text"']) },
    { label: 'an array', body: rng.pick(['[]', `[${valid}]`, '[null]']) },
    { label: `deep ${deep.label}`, body: deep.raw, mustBe: [400] },
    { label: '__proto__ key', body: withKey('__proto__'), mustBe: [400] },
    { label: 'constructor key', body: withKey('constructor'), mustBe: [400] },
    { label: 'prototype key', body: withKey('prototype'), mustBe: [400] },
    { label: 'unknown field', body: valid.replace(/^\{/, '{"zzz":1,') },
    { label: 'duplicate key with NUL', body: valid.replace(/^\{/, '{"zzz":"\\u0000",'), mustBe: [400] },
    { label: 'byte order mark', body: `\ufeff${valid}` },
    { label: 'over 1 MB', body: valid.replace(/^\{/, `{"zzz":"${'x'.repeat(1_100_000)}",`), mustBe: [413] },
    { label: 'text/plain', body: valid, contentType: 'text/plain' },
    { label: 'form encoded', body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    { label: 'UTF-16 JSON', body: valid, contentType: 'application/json; charset=utf-16', mustBe: [415] },
    { label: 'unknown charset', body: valid, contentType: 'application/json; charset=klingon', mustBe: [415] },
    { label: 'no content type', body: valid, contentType: '' },
  ];
}

const HEADER_VALUES = [
  '',
  ' ',
  'a'.repeat(201),
  'a'.repeat(5_000),
  "'; DROP TABLE tasks; --",
  '<script>',
  'a b',
  'fuzz-reused-key',
];

/** Every case of one operation. */
export function casesOf(doc: OpenApiDocument, operation: OperationInfo, context: FuzzContext): FuzzCase[] {
  const { rng } = context;
  const cases: FuzzCase[] = [];
  const validPath = () =>
    Object.fromEntries(
      operation.parameters
        .filter((p) => p.in === 'path')
        .map((p) => [p.name, encodeURIComponent(context.pathValue(operation, p.name))]),
    );
  const validHeaders = (): Record<string, string> =>
    Object.fromEntries(
      operation.parameters.filter((p) => p.in === 'header').map((p) => [p.name, `fuzz-${rng.uuid()}`]),
    );
  const url = (path: Record<string, string>, query = '') =>
    operation.template.replace(/\{(\w+)\}/g, (_m, name: string) => path[name]) + (query ? `?${query}` : '');
  const withBody = (): { body?: string; headers: Record<string, string> } =>
    operation.body
      ? { body: serialize(context.body(operation)), headers: { 'content-type': 'application/json', ...validHeaders() } }
      : { headers: validHeaders() };
  const add = (c: Omit<FuzzCase, 'operation'>) => cases.push({ operation, ...c });

  for (const parameter of operation.parameters) {
    const target = `${parameter.in}.${parameter.name}`;
    if (parameter.in === 'path') {
      for (const category of PATH_CATEGORIES) {
        for (const { label, raw } of pathValues(category, context) ?? []) {
          add({ target, category, label, url: url({ ...validPath(), [parameter.name]: raw }), ...withBody() });
        }
      }
    } else if (parameter.in === 'query') {
      for (const category of QUERY_CATEGORIES) {
        for (const { label, raw } of queryValues(category, parameter.name, rng) ?? []) {
          add({
            target,
            category,
            label,
            url: url(validPath(), `${encodeURIComponent(parameter.name)}=${raw}`),
            ...withBody(),
            mustName: category === 'nul' ? parameter.name : undefined,
            mustBe: category === 'nul' ? [400] : undefined,
          });
        }
      }
    } else if (parameter.in === 'header') {
      for (const value of HEADER_VALUES) {
        const request = withBody();
        add({
          target,
          category: value === 'fuzz-reused-key' ? 'repeated' : 'injection',
          label: JSON.stringify(value.length > 30 ? `${value.slice(0, 10)}… (${value.length})` : value),
          url: url(validPath()),
          body: request.body,
          headers: { ...request.headers, [parameter.name]: value },
        });
      }
    }
  }
  // Query parameters nobody declared.
  if (operation.method === 'GET') {
    for (const [label, raw] of [
      ['__proto__', '__proto__=x'],
      ['constructor[prototype][polluted]', 'constructor[prototype][polluted]=1'],
      ['unknown', 'zzz=1'],
      ['NUL in a name', 'a%00b=1'],
    ]) {
      add({ target: 'query', category: 'prototype-key', label, url: url(validPath(), raw), headers: validHeaders() });
    }
  }

  if (operation.body) {
    const base = context.body(operation);
    for (const field of fieldsOf(doc, operation.body.schema)) {
      const target = `body.${field.path.join('.')}`;
      for (const category of BODY_CATEGORIES) {
        const mutation = bodyValue(category, field.schema, rng);
        if (!mutation) continue;
        const body = structuredClone(base) as Record<string, unknown>;
        setAt(body, field.path, mutation.value);
        add({
          target,
          category,
          label: mutation.label,
          url: url(validPath()),
          headers: { 'content-type': 'application/json', ...validHeaders() },
          body: serialize(body),
          mustName: mutation.mustName ? field.path.join('.') : undefined,
          mustBe: mutation.mustBe ?? (mutation.mustName ? [400] : undefined),
        });
      }
    }
    for (const shape of bodyShapes(base, rng)) {
      const contentType = shape.contentType ?? 'application/json';
      add({
        target: 'body',
        category: shape.contentType === undefined ? 'body-shape' : 'content-type',
        label: shape.label,
        url: url(validPath()),
        headers: { ...(contentType ? { 'content-type': contentType } : {}), ...validHeaders() },
        body: shape.body,
        mustBe: shape.mustBe,
      });
    }
  }
  // A body that is not JSON: nothing, text, JSON, random characters of every size, as the declared type and others.
  if (operation.rawBody) {
    const random = (length: number) => Array.from({ length }, () => String.fromCharCode(rng.int(0, 0x2ff))).join('');
    for (const [label, body] of [
      ['empty', ''],
      ['text', 'hello'],
      ['JSON', '{"a":1}'],
      ['a PDF header only', '%PDF-1.7\n'],
      ['a PDF header, then garbage', `%PDF-1.7\n${random(2000)}`],
      ...[1, 100, 10_000, 200_000].map((n) => [`${n} random characters`, random(n)]),
    ] as const) {
      for (const contentType of [operation.rawBody, 'application/octet-stream', 'text/plain']) {
        add({
          target: 'body',
          category: 'content-type',
          label: `${label} as ${contentType}`,
          url: url(validPath()),
          headers: { 'content-type': contentType, ...validHeaders() },
          body,
        });
      }
    }
  }
  return cases;
}

export interface Outcome {
  status: number;
  headers?: Headers;
  body?: unknown;
  error?: string;
  ms?: number;
}

/**
 * What is wrong with a response, if anything: a 5xx or no response at all; a status other
 * than a case's `mustBe`; a 400 for text PostgreSQL cannot store that does not name the
 * field; an `X-Powered-By` header or missing security headers.
 */
export function problemsOf(c: FuzzCase, outcome: Outcome): string[] {
  const problems: string[] = [];
  if (outcome.status === 0) return [`no response: ${outcome.error}`];
  if (outcome.status >= 500) problems.push(`answered ${outcome.status}`);
  else if (c.mustBe && !c.mustBe.includes(outcome.status)) {
    problems.push(`answered ${outcome.status}, not ${c.mustBe.join(' or ')}`);
  }
  if (c.mustName && outcome.status === 400) {
    const errors = (outcome.body as { errors?: { field: string }[] } | undefined)?.errors ?? [];
    if (!errors.some((e) => e.field === c.mustName)) problems.push(`the 400 does not name ${c.mustName}`);
  }
  if (outcome.headers) {
    if (outcome.headers.has('x-powered-by')) problems.push('sent X-Powered-By');
    if (outcome.headers.get('x-content-type-options') !== 'nosniff') problems.push('no X-Content-Type-Options');
    if (!outcome.headers.has('content-security-policy')) problems.push('no Content-Security-Policy');
  }
  return problems;
}
