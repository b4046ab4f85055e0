import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import type { Actor } from '@aoc/domain/actor';
import { invalid } from '@aoc/domain/domain-error';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiErrors } from '../common/responses';
import { visibleEventView } from '../plans/plan.views';
import { PlansService } from '../plans/plans.service';
import { EventStreamQuery } from './dto/notification.dto';
import { EventStreamHub, type StreamedEvent } from './event-stream.hub';

const LAST_EVENT_ID = /^\d{1,18}$/;
const REPLAY_PAGE = 500;
/** How long a browser's EventSource waits before it reconnects. */
const RECONNECT_HINT_MS = 3_000;

/** The live event stream (DOMAIN §8): Server-Sent Events of the domain events the caller may see. */
@ApiTags('events')
@ApiBearerAuth()
@ApiErrors()
@Controller('events')
export class EventsController {
  constructor(
    @Inject(EventStreamHub) private readonly hub: EventStreamHub,
    @Inject(PlansService) private readonly plans: PlansService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('stream')
  @ApiOperation({
    summary: 'Server-Sent Events of the domain events I may see, live; resumes after `Last-Event-ID`',
    description:
      'Each message is `id: <event id>` and `data: <the event as the timeline shows it, with planId>`. With a ' +
      '`Last-Event-ID` header the events written since are sent first, then the live ones, none twice. ' +
      'A comment line (`: heartbeat`) comes every EVENT_STREAM_HEARTBEAT.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'the id of the last event received' })
  @ApiOkResponse({ description: 'the stream (text/event-stream)' })
  async stream(
    @CurrentActor() actor: Actor,
    @Query() query: EventStreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    if (lastEventId !== undefined && !LAST_EVENT_ID.test(lastEventId)) {
      throw invalid('Last-Event-ID must be the id of an event (a whole number)', [
        { field: 'Last-Event-ID', message: 'must be a whole number' },
      ]);
    }
    if (query.planId) await this.plans.findVisible(actor, query.planId);

    const visible = (items: StreamedEvent[]) =>
      items
        .filter((i) => !query.planId || i.event.planId === query.planId)
        .map((i) => ({ id: i.event.id, view: visibleEventView(actor, i.plan, i.event), planId: i.event.planId }))
        .filter((v) => v.view !== undefined);
    const write = (items: StreamedEvent[]) => {
      for (const v of visible(items)) {
        response.write(`id: ${v.id}\ndata: ${JSON.stringify({ ...v.view, planId: v.planId })}\n\n`);
      }
    };

    // Live events are held while the missed ones are replayed, then sent unless replayed already.
    let held: StreamedEvent[] | undefined = [];
    const unsubscribe = this.hub.subscribe({
      deliver: (items) => (held ? held.push(...items) : write(items)),
      end: () => response.end(),
    });
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), this.config.eventStream.heartbeatMs);
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });

    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write(`retry: ${RECONNECT_HINT_MS}\n: connected\n\n`);

    const replayed = new Set<string>();
    try {
      if (lastEventId !== undefined) {
        let after = lastEventId;
        for (;;) {
          const page = await this.hub.eventsAfter(after, REPLAY_PAGE, query.planId);
          if (response.writableEnded || response.destroyed) return;
          write(page);
          for (const item of page) replayed.add(item.event.id);
          if (page.length < REPLAY_PAGE) break;
          after = page[page.length - 1].event.id;
        }
      }
    } catch {
      // The database failed mid-replay: end the stream; the client resumes from its last id.
      response.end();
      return;
    }
    const pending = held.filter((i) => !replayed.has(i.event.id));
    held = undefined;
    write(pending);
  }
}
