import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode } from '../../../../libs/domain/src/domain-error';

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

/** The refusal of bad input, in the one shape every validation error has. */
export function validationFailed(fieldErrors: FieldError[]): BadRequestException {
  return new BadRequestException({
    code: ErrorCode.ValidationFailed,
    message: fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors: fieldErrors,
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
