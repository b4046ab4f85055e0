import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '@aoc/domain/domain-error';
import { MAX_JSON_DEPTH, jsonNestingExceeds, unsafeInputProblems } from './input-checks';
import { validationFailed } from './validation';

/**
 * The `verify` hook of the JSON body parser: runs on the raw bytes before they are parsed.
 * Refuses nesting deeper than MAX_JSON_DEPTH (which would overflow the stack of the
 * validation that follows) and JSON in any encoding but UTF-8 (RFC 8259 §8.1).
 */
export function verifyJsonBody(_request: Request, _response: Response, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8') {
    throw new UnsupportedMediaTypeException(`JSON must be encoded in UTF-8, not ${encoding}`);
  }
  if (jsonNestingExceeds(body, MAX_JSON_DEPTH)) {
    throw new BadRequestException({
      code: ErrorCode.ValidationFailed,
      message: `the request body is nested too deeply: at most ${MAX_JSON_DEPTH} levels of arrays and objects`,
    });
  }
}

/**
 * Runs after the body parser, before routing: no route sees a body or query that holds U+0000,
 * an unpaired surrogate or a prototype key, whatever its DTO says. A refusal is the same 400,
 * `{ code: 'VALIDATION_FAILED', message, errors: [{ field, message }] }`, as the ValidationPipe's.
 */
export function refuseUnsafeInput(request: Request, _response: Response, next: NextFunction): void {
  const problems = [...unsafeInputProblems(request.body), ...unsafeInputProblems(request.query)];
  next(problems.length > 0 ? validationFailed(problems) : undefined);
}
