import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** A Server-Sent Events connection read with fetch: the messages and comments received so far. */
export class SseConnection {
  readonly messages: EventSourceMessage[] = [];
  readonly comments: string[] = [];
  status = 0;
  private readonly controller = new AbortController();
  private done?: Promise<void>;

  static async open(url: string, headers: Record<string, string>): Promise<SseConnection> {
    const connection = new SseConnection();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: connection.controller.signal,
    });
    connection.status = response.status;
    if (response.status !== 200 || !response.body) {
      await response.text().catch(() => undefined);
      return connection;
    }
    const parser = createParser({
      onEvent: (message) => connection.messages.push(message),
      onComment: (comment) => connection.comments.push(comment.trim()),
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    connection.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          parser.feed(value);
        }
      } catch {
        // aborted
      }
    })();
    return connection;
  }

  /** The data of each message, parsed. */
  events<T = { id: number; type: string; planId: string }>(): T[] {
    return this.messages.map((m) => JSON.parse(m.data) as T);
  }

  get lastId(): string | undefined {
    return this.messages[this.messages.length - 1]?.id;
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}
