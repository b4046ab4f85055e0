import {
  ArgumentMetadata,
  ExecutionContext,
  Param,
  ParseUUIDPipe,
  PipeTransform,
  createParamDecorator,
} from '@nestjs/common';
import type { Request } from 'express';
import { invalid } from '@aoc/domain/domain-error';

/** A UUID route parameter (`:id` by default); anything else is a 400 that says so. */
export const UuidParam = (name = 'id') => Param(name, new ParseUUIDPipe({ version: '4' }));

class VersionNumberPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) throw invalid(`${metadata.data} must be a version number (1, 2, …)`);
    return Number(value);
  }
}

/** A version number route parameter: a whole number from 1 up. */
export const VersionParam = (name: string) => Param(name, new VersionNumberPipe());

const IDEMPOTENCY_KEY = /^[\w.:-]{1,200}$/;

/**
 * The `Idempotency-Key` header, checked: 1 to 200 letters, digits or `. _ : -`.
 * `required` makes a missing key a 400 as well.
 */
export const HEADER_REQUIRED = true;
export const HEADER_OPTIONAL = false;

export const IdempotencyKey = createParamDecorator((required: boolean, context: ExecutionContext) => {
  const key = context.switchToHttp().getRequest<Request>().header('idempotency-key');
  if (key === undefined && !required) return undefined;
  if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
    throw invalid(
      `${required ? 'an Idempotency-Key header is required' : 'the Idempotency-Key header is malformed'}: 1 to 200 letters, digits or . _ : -`,
    );
  }
  return key;
});
