import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/** The generated shapes of the API (apps/web/src/api/schema.d.ts, from its OpenAPI document). */
export type Schemas = components['schemas'];
export type Plan = Schemas['PlanResponse'];
export type PlanContent = Schemas['PlanContentDto'];
export type Task = Schemas['TaskResponse'];
export type Version = Schemas['VersionResponse'];
export type Diff = Schemas['DiffResponse'];
export type PlanEvent = Schemas['EventResponse'];
export type Blocker = Schemas['BlockerResponse'];
export type Comment = Schemas['CommentResponse'];
export type GofSeat = Schemas['GofSeatResponse'];
export type User = Schemas['UserResponse'];
export type FieldError = Schemas['FieldErrorResponse'];

/**
 * The typed client. The session is the API's HttpOnly cookie (the backend-for-frontend): no token
 * ever reaches this code, the browser sends the cookie, and the same origin satisfies the API's
 * CSRF rule for writes.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'include' });

/** A refusal of the API: its status, its code and, for a 400, the problem with each field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }

  /** The message of one field (or of a field inside it), for showing at that field. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  const error = (typeof body === 'object' && body !== null ? body : {}) as Partial<Schemas['ErrorResponse']>;
  const message = Array.isArray(error.message) ? error.message.join('; ') : error.message;
  return new ApiError(
    response.status,
    error.code ?? `HTTP_${response.status}`,
    message ?? response.statusText,
    error.errors ?? [],
  );
}

/** The data of a typed call, or its refusal as an ApiError. */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data: body, error, response } = await call;
  if (!response.ok) throw toApiError(response, error);
  return body as T;
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);
