import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ROLES } from '@aoc/domain/actor';
import { ORGANIZATION_KINDS, REGISTRY_KINDS } from '@aoc/domain/registry.rules';
import { PageQuery } from '../../common/page';
import { booleanParam } from '../../common/query-params';
import { UserResponse } from '../../users/dto/user.response';

/** The registry's identifiers: what a token's scope claims and a plan's content carry. */
export const COUNTRY_CODE = /^[A-Z]{2}$/;
export const ENTRY_ID = /^[\w.-]{1,100}$/;
/** A user's id: the `sub` of their tokens, or an e-mail address. */
// eslint-disable-next-line no-control-regex
export const USER_ID = /^[^\s\x00-\x1f\x7f]{1,200}$/;
const ID_MESSAGE = (field: string) => `${field} must be 1 to 100 letters, digits or . _ -`;

export class RegistryListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'words in the id or the name (case-insensitive)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'list retired entries too' })
  @IsOptional()
  @Transform(booleanParam)
  @IsBoolean()
  includeRetired?: boolean;
}

export class BodyListQuery extends RegistryListQuery {
  @ApiPropertyOptional({ example: 'PT', description: 'only the bodies of this country' })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'country must be an ISO 3166-1 alpha-2 code in capitals' })
  country?: string;
}

export class OrganizationListQuery extends RegistryListQuery {
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: (typeof ORGANIZATION_KINDS)[number];
}

export class UserListQuery extends RegistryListQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: (typeof ROLES)[number];

  @ApiPropertyOptional({ type: Boolean, description: 'only the users whose claimed scope the registry does not know' })
  @IsOptional()
  @Transform(booleanParam)
  @IsBoolean()
  scopeUnknown?: boolean;
}

export class ChangeListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REGISTRY_KINDS })
  @IsOptional()
  @IsIn(REGISTRY_KINDS)
  kind?: (typeof REGISTRY_KINDS)[number];

  @ApiPropertyOptional({ example: 'PT/ministry-education', description: 'one entry' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  key?: string;
}

const name = () => [IsString(), IsNotEmpty(), MaxLength(300)];
const apply =
  (...decorators: PropertyDecorator[]) =>
  (target: object, key: string) =>
    decorators.forEach((d) => d(target, key));

export class CountryNamesDto {
  @ApiPropertyOptional({ example: 'البرتغال' }) @IsOptional() @apply(...name()) ar?: string;
  @ApiPropertyOptional({ example: '葡萄牙' }) @IsOptional() @apply(...name()) zh?: string;
  @ApiPropertyOptional({ example: 'Portugal' }) @IsOptional() @apply(...name()) en?: string;
  @ApiPropertyOptional({ example: 'Portugal' }) @IsOptional() @apply(...name()) fr?: string;
  @ApiPropertyOptional({ example: 'Португалия' }) @IsOptional() @apply(...name()) ru?: string;
  @ApiPropertyOptional({ example: 'Portugal' }) @IsOptional() @apply(...name()) es?: string;
}

export class CreateCountryDto {
  @ApiProperty({ example: 'XK', description: 'ISO 3166-1 alpha-2 (or a user-assigned code)' })
  @Matches(COUNTRY_CODE, { message: 'code must be two capital letters' })
  code: string;

  @ApiPropertyOptional({
    type: CountryNamesDto,
    description: 'names in the six UN languages; the ones left out come from the runtime’s ICU data',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CountryNamesDto)
  names?: CountryNamesDto;
}

export class UpdateCountryDto {
  @ApiProperty({ type: CountryNamesDto, description: 'the names to change' })
  @ValidateNested()
  @Type(() => CountryNamesDto)
  names: CountryNamesDto;
}

export class CreateRegionDto {
  @ApiProperty({ example: 'south-eastern-europe' })
  @Matches(ENTRY_ID, { message: ID_MESSAGE('id') })
  id: string;

  @ApiProperty({ example: 'South-Eastern Europe' }) @apply(...name()) name: string;

  @ApiProperty({ example: ['AL', 'BA', 'HR'], type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(300)
  @Matches(COUNTRY_CODE, { each: true, message: 'each country must be two capital letters' })
  countries: string[];
}

export class UpdateRegionDto {
  @ApiPropertyOptional({ example: 'South-Eastern Europe' }) @IsOptional() @apply(...name()) name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(300)
  @Matches(COUNTRY_CODE, { each: true, message: 'each country must be two capital letters' })
  countries?: string[];
}

export class CreateBodyDto {
  @ApiProperty({ example: 'PT' })
  @Matches(COUNTRY_CODE, { message: 'country must be two capital letters' })
  country: string;

  @ApiProperty({ example: 'ministry-education' })
  @Matches(ENTRY_ID, { message: ID_MESSAGE('id') })
  id: string;

  @ApiProperty({ example: 'Ministry of Education' }) @apply(...name()) name: string;
}

export class RenameDto {
  @ApiProperty({ example: 'Ministry of Education and Science' }) @apply(...name()) name: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'youth-network' })
  @Matches(ENTRY_ID, { message: ID_MESSAGE('id') })
  id: string;

  @ApiProperty({ example: 'European Youth Network' }) @apply(...name()) name: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS, default: 'civil_society' })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: (typeof ORGANIZATION_KINDS)[number];
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional({ example: 'European Youth Network' }) @IsOptional() @apply(...name()) name?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: (typeof ORGANIZATION_KINDS)[number];
}

export class CreateSeatDto {
  @ApiProperty({ example: 'ES', description: 'seat id: a member state code or an organization id' })
  @Matches(/^[\w.-]{1,100}$/, { message: 'seat must be 1 to 100 letters, digits or . _ -' })
  seat: string;

  @ApiProperty({ example: 'Spain' }) @apply(...name()) name: string;
}

export class RegisterUserDto {
  @ApiPropertyOptional({
    example: 'consultee-pt-education',
    description:
      'the `sub` their tokens will carry, if known; otherwise their e-mail address (a first sign-in with it joins them)',
  })
  @IsOptional()
  @IsString()
  @Matches(USER_ID, { message: 'id must be 1 to 200 characters without spaces or control characters' })
  id?: string;

  @ApiProperty({ example: 'Inês Costa' }) @apply(...name()) name: string;

  @ApiProperty({ example: 'ines.costa@example.org' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(200)
  email: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROLES, { each: true })
  roles: (typeof ROLES)[number][];

  @ApiPropertyOptional({ example: 'PT' })
  @IsOptional()
  @Matches(COUNTRY_CODE, { message: 'country must be two capital letters' })
  country?: string;

  @ApiPropertyOptional({ example: 'ministry-education' })
  @IsOptional()
  @Matches(ENTRY_ID, { message: ID_MESSAGE('body') })
  body?: string;

  @ApiPropertyOptional({ example: 'ES' })
  @IsOptional()
  @Matches(ENTRY_ID, { message: ID_MESSAGE('seat') })
  seat?: string;

  @ApiPropertyOptional({ example: 'youth-network' })
  @IsOptional()
  @Matches(ENTRY_ID, { message: ID_MESSAGE('org') })
  org?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Inês Costa' }) @IsOptional() @apply(...name()) name?: string;

  @ApiPropertyOptional({ example: 'ines.costa@example.org' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROLES, { each: true })
  roles?: (typeof ROLES)[number][];
}

export class ImportCsvDto {
  @ApiProperty({
    example: 'country,id,name,retired\nPT,ministry-education,Ministry of Education,false\n',
    description: 'the CSV file, with its header line (as `GET …/export` writes it)',
  })
  @IsString()
  @MaxLength(2_000_000)
  csv: string;
}

export class ImportResponse {
  @ApiProperty() added: number;
  @ApiProperty({ description: 'renamed or otherwise changed' }) changed: number;
  @ApiProperty() retired: number;
  @ApiProperty() restored: number;
  @ApiProperty() unchanged: number;
}

class Retired {
  @ApiProperty({ description: 'retired: kept for the plans that name it, offered for nothing new' }) retired: boolean;
  @ApiProperty() createdAt: string;
}

export class CountryNamesResponse {
  @ApiProperty() ar: string;
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
  @ApiProperty() fr: string;
  @ApiProperty() ru: string;
  @ApiProperty() es: string;
}

export class CountryResponse extends Retired {
  @ApiProperty({ example: 'PT' }) code: string;
  @ApiProperty({ type: CountryNamesResponse }) names: CountryNamesResponse;
}

export class RegionResponse extends Retired {
  @ApiProperty({ example: 'south-eastern-europe' }) id: string;
  @ApiProperty({ example: 'South-Eastern Europe' }) name: string;
  @ApiProperty({ type: [String], example: ['AL', 'BA'] }) countries: string[];
}

export class BodyResponse extends Retired {
  @ApiProperty({ example: 'PT' }) country: string;
  @ApiProperty({ example: 'ministry-education' }) id: string;
  @ApiProperty({ example: 'Ministry of Education' }) name: string;
  @ApiProperty({ description: 'how many users hold it (consultees of its country and body)' }) holders: number;
}

export class OrganizationResponse extends Retired {
  @ApiProperty({ example: 'youth-network' }) id: string;
  @ApiProperty({ example: 'European Youth Network' }) name: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: string;
}

export class SeatResponse extends Retired {
  @ApiProperty({ example: 'ES' }) seat: string;
  @ApiProperty({ example: 'Spain' }) name: string;
  @ApiProperty({ description: 'how many users hold it' }) holders: number;
}

class PageFields {
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class CountryPageResponse extends PageFields {
  @ApiProperty({ type: [CountryResponse] }) items: CountryResponse[];
}
export class RegionPageResponse extends PageFields {
  @ApiProperty({ type: [RegionResponse] }) items: RegionResponse[];
}
export class BodyPageResponse extends PageFields {
  @ApiProperty({ type: [BodyResponse] }) items: BodyResponse[];
}
export class OrganizationPageResponse extends PageFields {
  @ApiProperty({ type: [OrganizationResponse] }) items: OrganizationResponse[];
}
export class SeatPageResponse extends PageFields {
  @ApiProperty({ type: [SeatResponse] }) items: SeatResponse[];
}
export class UserPageResponse extends PageFields {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
}

export class RegistryChangeResponse {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty({ example: 'admin-ops' }) actor: string;
  @ApiProperty({ enum: REGISTRY_KINDS }) kind: string;
  @ApiProperty({ example: 'PT/ministry-education' }) key: string;
  @ApiProperty({ example: 'renamed' }) action: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) before: Record<
    string,
    unknown
  > | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) after: Record<
    string,
    unknown
  > | null;
}

export class RegistryChangePageResponse extends PageFields {
  @ApiProperty({ type: [RegistryChangeResponse] }) items: RegistryChangeResponse[];
}
