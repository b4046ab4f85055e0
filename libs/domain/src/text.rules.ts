import { invalid } from './domain-error';

/** An unpaired UTF-16 surrogate: not a character, and not valid UTF-8 once encoded. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a text that PostgreSQL could not store or a client could not read, if anything. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate (invalid Unicode)';
  return undefined;
}

export interface TextProblem {
  /** Where the text is, e.g. `fields.education.objectives[0]`; object keys are checked too. */
  path: string;
  message: string;
}

/**
 * The first string in `value` (a parsed JSON document, walked iteratively so that no depth can
 * overflow the stack) that PostgreSQL could not store: DOMAIN's texts are UTF-8 without NUL.
 */
export function findUnstorableText(value: unknown): TextProblem | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (pending.length > 0) {
    const { value: item, path } = pending.pop()!;
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) return { path: path || '(body)', message: problem };
    } else if (Array.isArray(item)) {
      item.forEach((element, i) => pending.push({ value: element, path: `${path}[${i}]` }));
    } else if (item !== null && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        const at = path ? `${path}.${key}` : key;
        const problem = textProblem(key);
        // The bad key is shown escaped, so that the answer carries no bad character itself.
        if (problem) return { path: JSON.stringify(at), message: `a field name ${problem}` };
        pending.push({ value: element, path: at });
      }
    }
  }
  return undefined;
}

/** Throws a ValidationFailed DomainError naming the first text that could not be stored. */
export function assertStorableText(value: unknown): void {
  const problem = findUnstorableText(value);
  if (problem)
    throw invalid(`${problem.path}: ${problem.message}`, [{ field: problem.path, message: problem.message }]);
}
