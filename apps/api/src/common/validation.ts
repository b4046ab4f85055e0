import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '@aoc/domain/domain-error';

export interface FieldError {
  field: string;
  message: string;
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** At most this many problems are listed: each item of a long array can have several. */
const MAX_LISTED_ERRORS = 100;

/** The refusal of bad input, in the one shape every validation error has. */
export function validationFailed(fieldErrors: FieldError[]): BadRequestException {
  const listed = fieldErrors.slice(0, MAX_LISTED_ERRORS);
  const more = fieldErrors.length - listed.length;
  return new BadRequestException({
    code: ErrorCode.ValidationFailed,
    message: listed.map((e) => `${e.field}: ${e.message}`).join('; ') + (more > 0 ? `; and ${more} more` : ''),
    errors: listed,
  });
}

/** One global pipe: unknown fields are refused, and every problem is listed with its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
