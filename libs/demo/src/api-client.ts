import { signToken } from '@aoc/auth/jwt';
import type { Actor } from '@aoc/domain/actor';
import { waitUntil } from '@aoc/support/wait-until';
import { DEMO_USERS, DemoUser } from './demo-users';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  /** The response's headers (not enumerable, so that `{ status, body }` still equals a response). */
  headers?: Headers;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`);
  }
}

/** A small HTTP client of the API that acts as the demo users; used by the seed, the demo, the benchmarks and the tests. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly jwtSecret: string,
  ) {}

  /** A token for a demo user, or for any actor. */
  token(user: DemoUser | Actor): Promise<string> {
    return signToken(typeof user === 'string' ? DEMO_USERS[user] : user, this.jwtSecret);
  }

  async request<T = Record<string, unknown>>(
    user: DemoUser | Actor | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const token = user ? await this.token(user) : undefined;
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    const result: ApiResponse<T> = { status: response.status, body: parsed as T };
    // Not enumerable: tests compare whole responses with toEqual({ status, body }).
    Object.defineProperty(result, 'headers', { value: response.headers, enumerable: false });
    return result;
  }

  /** Like request, but throws unless the status is the expected one. */
  async expect<T = Record<string, unknown>>(
    status: number,
    user: DemoUser | Actor | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    const response = await this.request<T>(user, method, path, body, headers);
    if (response.status !== status) throw new ApiError(response.status, response.body, `${method} ${path}`);
    return response.body;
  }

  /**
   * Every event of a plan's timeline, oldest first: follows the cursor (the `X-Next-After` header)
   * from page to page of `limit` events.
   */
  async timeline<T = Record<string, unknown>>(user: DemoUser | Actor, planId: string, limit?: number): Promise<T[]> {
    const events: T[] = [];
    let after: string | null = null;
    do {
      const query: URLSearchParams = new URLSearchParams({
        ...(after ? { after } : {}),
        ...(limit ? { limit: String(limit) } : {}),
      });
      const path: string = `/plans/${planId}/timeline${query.size > 0 ? `?${query}` : ''}`;
      const response: ApiResponse<T[]> = await this.request<T[]>(user, 'GET', path);
      if (response.status !== 200) throw new ApiError(response.status, response.body, `GET ${path}`);
      events.push(...response.body);
      after = response.headers?.get('x-next-after') ?? null;
    } while (after);
    return events;
  }

  /** Polls until `check` returns a value; fails after `timeoutMs`, or at once when `check` throws. */
  waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
    return waitUntil(check, { description: what, timeoutMs, intervalMs: 250, onError: 'fail' });
  }

  async waitForStatus(user: DemoUser, planId: string, status: string, timeoutMs?: number) {
    return this.waitFor(
      `plan ${planId} to be ${status}`,
      async () => {
        const plan = await this.expect<{ status: string }>(200, user, 'GET', `/plans/${planId}`);
        return plan.status === status ? plan : undefined;
      },
      timeoutMs,
    );
  }

  /** Waits for the open tasks of a plan visible to `user`, at least `count` of them. */
  async waitForTasks(user: DemoUser, planId: string, count = 1, stage?: string, timeoutMs?: number) {
    return this.waitFor(
      `${count} open task(s) for ${user} on plan ${planId}`,
      async () => {
        const query = `planId=${planId}&status=open${stage ? `&stage=${stage}` : ''}`;
        const page = await this.expect<{ items: TaskSummary[] }>(200, user, 'GET', `/tasks?${query}`);
        return page.items.length >= count ? page.items : undefined;
      },
      timeoutMs,
    );
  }

  /** Each consultee supports the plan on its open consultation task (a key per task: safe to repeat). */
  async supportConsultation(planId: string, consultees: readonly DemoUser[]): Promise<TaskSummary[]> {
    const answered: TaskSummary[] = [];
    for (const consultee of consultees) {
      const [task] = await this.waitForTasks(consultee, planId, 1, 'NATIONAL_CONSULTATION');
      await this.expect(
        200,
        consultee,
        'POST',
        `/tasks/${task.id}/complete`,
        { decision: 'support' },
        {
          'Idempotency-Key': `support-${task.id}`,
        },
      );
      answered.push(task);
    }
    return answered;
  }
}

export interface TaskSummary {
  id: string;
  planId: string;
  stage: string;
  type: string;
  status: string;
  dueAt: string;
  candidate: { role: string; country?: string; body?: string; seat?: string };
}
