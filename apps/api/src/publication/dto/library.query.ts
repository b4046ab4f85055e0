import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { FIELDS_OF_ACTION, PLAN_KINDS, type FieldOfAction, type PlanKind } from '@aoc/domain/plan.types';
import { COUNTRY_CODE } from '../../plans/dto/plan-content.dto';

/** A form's empty field (`country=`) is a filter not chosen. */
const EmptyAsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));
/** A whole number from a query string; a form's empty field is a filter not chosen. */
const NumberOrAbsent = () =>
  Transform(({ value }: { value: unknown }) => (value === '' || value === undefined ? undefined : Number(value)));

/** The public library's search and filters (DOMAIN §10), the same for its page and its JSON. */
export class LibraryQuery {
  @ApiPropertyOptional({
    description:
      'words in any language, as a search engine takes them: all must appear; "a phrase" in quotes, -word to exclude, `or` between alternatives',
    example: 'youth media',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'PT', description: 'ISO 3166-1 alpha-2: plans this country takes part in' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'country must be an ISO 3166 alpha-2 code such as PT' })
  country?: string;

  @ApiPropertyOptional({ enum: PLAN_KINDS })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(PLAN_KINDS)
  kind?: PlanKind;

  @ApiPropertyOptional({ enum: FIELDS_OF_ACTION, description: 'plans with objectives in this field of action' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(FIELDS_OF_ACTION)
  field?: FieldOfAction;

  @ApiPropertyOptional({ example: 'tolerance and non-discrimination', description: 'a priority topic, as written' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  topic?: string;

  @ApiPropertyOptional({ type: 'integer', example: 2026, description: 'the year of endorsement' })
  @NumberOrAbsent()
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2200)
  year?: number;

  @ApiPropertyOptional({ description: 'where the page starts: the `next` of the page before' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(/^[\w-]{1,200}$/, { message: 'cursor must be the `next` value of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: 100 })
  @NumberOrAbsent()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ enum: ['en', 'fr'], description: 'the language of the page (the HTML pages only)' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(['en', 'fr'])
  lang?: string;
}
