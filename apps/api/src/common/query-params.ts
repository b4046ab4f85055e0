/**
 * `true` and `false` as query parameters, for `@Transform(booleanParam)` before `@IsBoolean()`:
 * anything else stays as it is, for the validator to refuse with a 400.
 */
export const booleanParam = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
