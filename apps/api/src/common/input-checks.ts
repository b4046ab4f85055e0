import { textProblem } from '@aoc/domain/text.rules';
import type { FieldError } from './validation';

/**
 * How deeply arrays and objects may nest in a request body. Our deepest DTO (a plan's
 * `fields.<field>.actions[].partners[]`) needs 5; class-transformer and class-validator
 * recurse, so an unbounded depth would overflow the stack.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * How many items an array may hold: the largest any DTO allows (a disposition per comment).
 * The ValidationPipe validates every item of a nested array even when it is longer than its
 * DTO allows, so 20,000 empty objects cost seconds of CPU and 50 MB of errors.
 */
export const MAX_ARRAY_ITEMS = 1_000;

/** At most this many problems are listed in one refusal. */
const MAX_PROBLEMS = 20;

/** Keys that reach an object's prototype when assigned (`obj[key] = …`), as class-transformer does. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether raw UTF-8 JSON nests arrays and objects more than `maxDepth` deep. One pass over the
 * bytes, without recursion and before anything is parsed; brackets inside strings do not count.
 * (UTF-8 multi-byte sequences never contain ASCII bytes.) Malformed JSON is left to the parser.
 */
export function jsonNestingExceeds(json: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const byte = json[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/** A key as it may be shown in a field path: control characters escaped, long keys cut. */
function printableKey(key: string): string {
  const escaped = JSON.stringify(key.length > 100 ? `${key.slice(0, 100)}…` : key).slice(1, -1);
  return escaped.replace(/\\"/g, '"');
}

/**
 * Everything in a parsed request body or query that no DTO may accept, whatever its fields:
 * strings (values or keys) with U+0000 or an unpaired surrogate, which PostgreSQL refuses or
 * silently alters (the domain's `textProblem`, which the workflows' Update validators apply
 * too), the prototype keys `__proto__`, `constructor` and `prototype`, and arrays of more than
 * MAX_ARRAY_ITEMS items. Fields are named as the ValidationPipe names them
 * (`fields.media.actions.0.title`). Iterative, so that any nesting is safe; nesting beyond
 * `maxDepth` is itself a problem.
 */
export function unsafeInputProblems(input: unknown, maxDepth = MAX_JSON_DEPTH): FieldError[] {
  const problems: FieldError[] = [];
  const pending: { value: unknown; field: string; depth: number }[] = [{ value: input, field: '', depth: 0 }];
  const add = (field: string, message: string) => problems.push({ field, message: `${field} ${message}` });
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value, field, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) add(field || '(body)', problem);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) {
      add(field || '(body)', `nests arrays and objects more than ${maxDepth} deep`);
      continue;
    }
    if (Array.isArray(value) && value.length > MAX_ARRAY_ITEMS) {
      add(field || '(body)', `must not contain more than ${MAX_ARRAY_ITEMS} items`);
      continue;
    }
    const children: { value: unknown; field: string; depth: number }[] = [];
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [String(index), item])
      : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
    for (const [key, item] of entries) {
      const child = field ? `${field}.${printableKey(key)}` : printableKey(key);
      const keyProblem = Array.isArray(value)
        ? undefined
        : PROTOTYPE_KEYS.has(key)
          ? 'is not an allowed field name'
          : textProblem(key) && `is a field name that ${textProblem(key)}`;
      if (keyProblem) add(child, keyProblem);
      else children.push({ value: item, field: child, depth: depth + 1 });
    }
    // Depth first, in the order of the input (a loop: a spread of a huge array would overflow).
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
  }
  return problems.slice(0, MAX_PROBLEMS);
}
