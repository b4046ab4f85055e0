import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

/** Response shapes shared by several endpoints, for the OpenAPI document. */
export class VersionRefResponse {
  @ApiProperty() number: number;
  @ApiProperty({ description: 'SHA-256 of the version’s canonical JSON' }) hash: string;
}

export class FieldErrorResponse {
  @ApiProperty({ example: 'title' }) field: string;
  @ApiProperty({ example: 'title must be shorter than or equal to 300 characters' }) message: string;
  @ApiPropertyOptional({ example: 3, description: 'the line of an imported CSV file the problem is on' })
  line?: number;
  @ApiPropertyOptional({
    type: [String],
    example: ['ministry-education'],
    description: 'for a value the registry does not know: up to three nearest known values',
  })
  nearest?: string[];
}

export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ example: 'title: title must be shorter than or equal to 300 characters' }) message: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'every problem, with its field' })
  errors?: FieldErrorResponse[];
}

/** Every route is rate-limited: past the limit, 429 with Retry-After. */
export const ApiTooManyRequests = () =>
  ApiTooManyRequestsResponse({
    type: ErrorResponse,
    description: 'rate limit reached; retry after Retry-After seconds',
  });

/** The refusals every authenticated endpoint can give, documented once. */
export const ApiErrors = () =>
  applyDecorators(
    ApiBadRequestResponse({ type: ErrorResponse, description: 'bad input: every problem with its field' }),
    ApiUnauthorizedResponse({
      type: ErrorResponse,
      description: 'missing or invalid bearer token, or an expired or unknown session',
    }),
    ApiForbiddenResponse({
      type: ErrorResponse,
      description: 'role, scope or segregation of duties; CSRF_REJECTED for a session request from another origin',
    }),
    ApiNotFoundResponse({ type: ErrorResponse }),
    ApiConflictResponse({ type: ErrorResponse, description: 'the state does not allow it (e.g. a closed task)' }),
    ApiTooManyRequests(),
  );

/** The refusal of an Idempotency-Key reused for a different request. */
export const ApiIdempotencyKeyReused = () =>
  ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'the Idempotency-Key was already used for a different request (IDEMPOTENCY_KEY_REUSED)',
  });
