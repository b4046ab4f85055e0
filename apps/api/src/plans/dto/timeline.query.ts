import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** Events in a timeline page when `limit` is not given. */
export const TIMELINE_DEFAULT_LIMIT = 500;
/** The most events a timeline page holds. */
export const TIMELINE_MAX_LIMIT = 1000;
/** The response header that carries the next page's cursor (also given as a `Link: <…>; rel="next"`). */
export const TIMELINE_NEXT_HEADER = 'X-Next-After';

/** A page of a plan's timeline: the events after an event id, oldest first (issue 12). */
export class TimelineQuery {
  @ApiPropertyOptional({
    description:
      'cursor: only events after the event with this id. Start without it; while the answer carries an ' +
      `\`${TIMELINE_NEXT_HEADER}\` header (and \`Link: <…>; rel="next"\`), ask again with its value`,
    example: '1234',
    pattern: '^[0-9]{1,15}$',
  })
  @IsOptional()
  @Matches(/^[0-9]{1,15}$/, { message: 'after must be the id of a timeline event: a whole number of up to 15 digits' })
  after?: string;

  @ApiPropertyOptional({
    description: 'the most events in this page',
    default: TIMELINE_DEFAULT_LIMIT,
    minimum: 1,
    maximum: TIMELINE_MAX_LIMIT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TIMELINE_MAX_LIMIT)
  limit: number = TIMELINE_DEFAULT_LIMIT;
}
