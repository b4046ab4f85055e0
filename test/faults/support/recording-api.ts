import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient, ApiResponse } from '@aoc/demo/api-client';
import type { DemoUser } from '@aoc/demo/demo-users';

/** One HTTP call the driver made, with when it ran and how it was answered. */
export interface CallRecord {
  /** "POST /tasks/:id/complete" */
  route: string;
  user: string;
  startedAt: number;
  endedAt: number;
  /** The HTTP status; 0 when no answer came (the client gave up or the connection failed). */
  status: number;
  /** The error code of the body, if any ("UNAVAILABLE", "COMMENT_WINDOW_CLOSED"). */
  code?: string;
  /** Why no answer came. */
  failure?: string;
  /** A refusal the driver's path allows for (a comment sent at the window's close). */
  refusalAllowed?: boolean;
  /** For a 5xx other than 503: what the API logged about it. */
  serverLog?: string;
  /** The API instance that was asked (its base URL), when several share the load. */
  via?: string;
}

export interface FaultWindow {
  kind: string;
  /** 1-based, in the order of injection. */
  number: number;
  start: number;
  /** When the faulty part answered again; undefined while it is still down. */
  end?: number;
}

/** The faults of one case: when each part went down and when it answered again. */
export class FaultTimeline {
  readonly windows: FaultWindow[] = [];

  begin(kind: string): FaultWindow {
    const window: FaultWindow = { kind, number: this.windows.length + 1, start: Date.now() };
    this.windows.push(window);
    return window;
  }

  /** Whether a part is down now. */
  get faultOpen(): boolean {
    return this.windows.some((w) => w.end === undefined);
  }

  end(window: FaultWindow): void {
    window.end = Date.now();
  }

  /** The window that the call overlaps (was in flight during), if any. */
  overlapping(call: Pick<CallRecord, 'startedAt' | 'endedAt'>): FaultWindow | undefined {
    return this.windows.find((w) => call.startedAt <= (w.end ?? Infinity) && call.endedAt >= w.start);
  }
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Retry a 503, a 500 or a missing answer with the same request (and so the same
   * Idempotency-Key) until then, unless `giveUp` says why not to.
   */
  retryUntil?: number;
  giveUp?: () => string | undefined;
  refusalAllowed?: boolean;
}

/** Answers worth repeating as they were: the service was unavailable, failed unexpectedly, or did not answer. */
const RETRIED = [0, 500, 502, 503, 504];

const CLIENT_TIMEOUT_MS = 60_000;

/** Turns a path into its route: ids become ":id", the query goes. */
export function routeOf(method: string, path: string): string {
  const bare = path.split('?')[0].replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id');
  return `${method} ${bare}`;
}

/**
 * The API as the fault tests' driver uses it: every call is recorded with its latency and
 * status, and a call that gets a 503 (or a 500, or no answer) can be repeated as it was, with
 * the same Idempotency-Key, which is the contract that makes such retries safe.
 */
export class RecordingApi {
  readonly calls: CallRecord[] = [];
  private readonly clients: ApiClient[];
  private sent = 0;

  /**
   * `serverLog` reads the API's recent output, to keep what it logged about an unexpected 5xx.
   * Given several clients (one per API instance), the calls go to each in turn, retries included.
   */
  constructor(
    client: ApiClient | ApiClient[],
    private readonly serverLog: () => string = () => '',
  ) {
    this.clients = Array.isArray(client) ? client : [client];
  }

  async call<T = Record<string, unknown>>(
    user: DemoUser,
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<ApiResponse<T>> {
    for (let attempt = 1; ; attempt++) {
      const answer = await this.once<T>(user, method, path, options);
      if (!RETRIED.includes(answer.status) || options.retryUntil === undefined) return answer;
      if (Date.now() >= options.retryUntil || options.giveUp?.()) return answer;
      await sleep(Math.min(250 * attempt, 1_000));
    }
  }

  private async once<T>(user: DemoUser, method: string, path: string, options: CallOptions): Promise<ApiResponse<T>> {
    const client = this.clients[this.sent++ % this.clients.length];
    const token = await client.token(user);
    const record: CallRecord = {
      route: routeOf(method, path),
      user,
      startedAt: Date.now(),
      endedAt: 0,
      status: 0,
      refusalAllowed: options.refusalAllowed,
      via: this.clients.length > 1 ? client.baseUrl : undefined,
    };
    this.calls.push(record);
    try {
      const response = await fetch(`${client.baseUrl}/api${path}`, {
        method,
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          authorization: `Bearer ${token}`,
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      record.status = response.status;
      const code = (body as { code?: unknown } | undefined)?.code;
      if (response.status >= 400 && typeof code === 'string') record.code = code;
      if (response.status >= 500 && response.status !== 503) record.serverLog = this.serverLog();
      return { status: response.status, body: body as T };
    } catch (error) {
      record.failure =
        (error as Error).name === 'TimeoutError' ? `no answer in ${CLIENT_TIMEOUT_MS} ms` : String(error);
      return { status: 0, body: undefined as T };
    } finally {
      record.endedAt = Date.now();
    }
  }
}
