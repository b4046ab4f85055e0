import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  Validate,
} from 'class-validator';
import { PLAN_KINDS, PlanKind } from '@aoc/domain/plan.types';

export const COUNTRY_CODE = /^[A-Z]{2}$/;
const SHORT = 300;
const LONG = 10_000;

export class PlanActionDto {
  @ApiProperty({ example: 'Teacher exchange programme' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(SHORT)
  title: string;

  @ApiProperty({ example: 'Ministry of Education' })
  @IsString()
  @MaxLength(SHORT)
  lead: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(SHORT, { each: true })
  partners: string[];

  @ApiProperty({ example: '2027–2029' })
  @IsString()
  @MaxLength(SHORT)
  timeline: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(SHORT, { each: true })
  indicators: string[];
}

export class FieldSectionDto {
  @ApiProperty({ type: [String], example: ['Intercultural curricula in all secondary schools'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(LONG, { each: true })
  objectives: string[];

  @ApiProperty({ type: [PlanActionDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlanActionDto)
  actions: PlanActionDto[];
}

export class FieldsDto {
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => FieldSectionDto) education: FieldSectionDto;
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => FieldSectionDto) media: FieldSectionDto;
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => FieldSectionDto) youth: FieldSectionDto;
  @ApiProperty() @IsObject() @ValidateNested() @Type(() => FieldSectionDto) migration: FieldSectionDto;
}

@ValidatorConstraint({ name: 'consulteeMap' })
class ConsulteeMapConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const entries = Object.entries(value);
    return (
      entries.length <= 100 &&
      entries.every(
        ([country, bodies]) =>
          COUNTRY_CODE.test(country) &&
          Array.isArray(bodies) &&
          bodies.length <= 50 &&
          bodies.every((b) => typeof b === 'string' && /^[\w.-]{1,100}$/.test(b)),
      )
    );
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must map ISO 3166 alpha-2 country codes to lists of body ids (letters, digits, . _ -)`;
  }
}

/** The editable content of a plan (DOMAIN §3). */
export class PlanContentDto {
  @ApiProperty({ enum: PLAN_KINDS })
  @IsIn(PLAN_KINDS)
  kind: PlanKind;

  @ApiProperty({ example: 'National Plan for Intercultural Dialogue 2027–2030', maxLength: SHORT })
  @IsString()
  @MaxLength(SHORT)
  title: string;

  @ApiProperty({ maxLength: LONG })
  @IsString()
  @MaxLength(LONG)
  summary: string;

  @ApiPropertyOptional({ example: 'PT', description: 'owner country of a national plan (ISO 3166 alpha-2)' })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'country must be an ISO 3166 alpha-2 code such as PT' })
  country?: string;

  @ApiPropertyOptional({ type: [String], example: ['AL', 'BA', 'HR'], description: 'countries of a regional strategy' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(COUNTRY_CODE, { each: true, message: 'countries must be ISO 3166 alpha-2 codes such as PT' })
  countries?: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(SHORT, { each: true })
  partners: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'for each country (ISO 3166 alpha-2), the ids of its consultee bodies',
    example: { PT: ['ministry-education', 'ministry-culture'] },
  })
  @IsObject()
  @Validate(ConsulteeMapConstraint)
  consultees: Record<string, string[]>;

  @ApiProperty({ type: FieldsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FieldsDto)
  fields: FieldsDto;

  @ApiProperty({ type: [String], example: ['tolerance and non-discrimination'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(SHORT, { each: true })
  priorityTopics: string[];
}
