import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { EVENT_TYPES } from '@aoc/domain/event.types';

/** What the API's event stream says about a change; only the plan and task ids are used. */
interface StreamEvent {
  planId?: string;
  taskId?: string;
  type?: string;
}

const RETRY_WHEN_MISSING_MS = 30_000;

/** Names an event of the stream may carry (`event:`): generic ones and the domain event types. */
const NAMED_EVENTS = ['change', 'event', 'plan', 'task', ...EVENT_TYPES];

/**
 * Live updates: the API's server-sent events (`GET /api/events/stream`) invalidate the queries
 * they concern, so an open inbox or plan page updates without a reload. EventSource reconnects
 * by itself (with Last-Event-ID); where the stream does not exist, the app works without it and
 * tries again later.
 */
export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const onChange = (message: MessageEvent<string>) => {
      let event: StreamEvent = {};
      try {
        event = JSON.parse(message.data) as StreamEvent;
      } catch {
        // a heartbeat or a message without JSON: refresh what is open
      }
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
      if (event.planId) void queryClient.invalidateQueries({ queryKey: ['plan', event.planId] });
      else void queryClient.invalidateQueries({ queryKey: ['plan'] });
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      if (event.taskId) void queryClient.invalidateQueries({ queryKey: ['task', event.taskId] });
      else void queryClient.invalidateQueries({ queryKey: ['task'] });
    };
    const connect = () => {
      let opened = false;
      source = new EventSource('/api/events/stream', { withCredentials: true });
      source.onopen = () => {
        opened = true;
      };
      source.onmessage = onChange;
      source.onerror = () => {
        // Before it ever opened: no stream here (yet). Close, and look again later.
        if (!opened && source) {
          source.close();
          if (!stopped) retry = setTimeout(connect, RETRY_WHEN_MISSING_MS);
        }
      };
      // Named events carry the domain event's type as the SSE event name.
      for (const name of NAMED_EVENTS) source.addEventListener(name, onChange);
    };
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [enabled, queryClient]);
}
