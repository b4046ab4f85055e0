import {
  type ArgumentMetadata,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Patch,
  type PipeTransform,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, hasRole } from '@aoc/domain/actor';
import { forbidden, invalid } from '@aoc/domain/domain-error';
import { REGISTRY_KINDS, type RegistryKind } from '@aoc/domain/registry.rules';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiErrors } from '../common/responses';
import { UserResponse } from '../users/dto/user.response';
import {
  BodyListQuery,
  BodyPageResponse,
  BodyResponse,
  COUNTRY_CODE,
  ChangeListQuery,
  CountryPageResponse,
  CountryResponse,
  CreateBodyDto,
  CreateCountryDto,
  CreateOrganizationDto,
  CreateRegionDto,
  CreateSeatDto,
  ENTRY_ID,
  USER_ID,
  ImportCsvDto,
  ImportResponse,
  OrganizationListQuery,
  OrganizationPageResponse,
  OrganizationResponse,
  RegionPageResponse,
  RegionResponse,
  RegisterUserDto,
  RegistryChangePageResponse,
  RegistryListQuery,
  RenameDto,
  SeatPageResponse,
  SeatResponse,
  UpdateCountryDto,
  UpdateOrganizationDto,
  UpdateRegionDto,
  UpdateUserDto,
  UserListQuery,
  UserPageResponse,
} from './dto/registry.dto';
import { RegistryService } from './registry.service';
import { bodyView, countryView, organizationView, regionView, seatView } from './registry.views';

class PatternPipe implements PipeTransform<string, string> {
  constructor(
    private readonly pattern: RegExp,
    private readonly what: string,
  ) {}
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!this.pattern.test(value)) throw invalid(`${metadata.data} must be ${this.what}`);
    return value;
  }
}
const CountryParam = (name = 'code') => Param(name, new PatternPipe(COUNTRY_CODE, 'two capital letters'));
const IdParam = (name = 'id') => Param(name, new PatternPipe(ENTRY_ID, '1 to 100 letters, digits or . _ -'));
const KindPipe = new PatternPipe(new RegExp(`^(${REGISTRY_KINDS.join('|')})$`), `one of ${REGISTRY_KINDS.join(', ')}`);
const UserIdParam = () =>
  Param('id', new PatternPipe(USER_ID, '1 to 200 characters without spaces or control characters'));

/**
 * The registry of organisations (DOMAIN §12): every signed-in user reads the lists (the users and
 * the log: admins); admins add, rename, retire, restore, import and export. Nothing is deleted.
 */
@ApiTags('registry')
@ApiBearerAuth()
@ApiErrors()
@Controller('registry')
export class RegistryController {
  constructor(@Inject(RegistryService) private readonly registry: RegistryService) {}

  // ---- countries ----

  @Get('countries')
  @ApiOperation({ summary: 'The countries (ISO 3166-1), with their names in the six UN languages' })
  @ApiOkResponse({ type: CountryPageResponse })
  countries(@Query() query: RegistryListQuery) {
    return this.registry.list('countries', query, countryView);
  }

  @Post('countries')
  @ApiOperation({ summary: 'Add a country (admin)' })
  @ApiCreatedResponse({ type: CountryResponse })
  addCountry(@CurrentActor() actor: Actor, @Body() dto: CreateCountryDto) {
    return this.registry.addCountry(actor, dto);
  }

  @Patch('countries/:code')
  @ApiOperation({ summary: 'Rename a country in one or more languages (admin)' })
  @ApiOkResponse({ type: CountryResponse })
  renameCountry(@CurrentActor() actor: Actor, @CountryParam() code: string, @Body() dto: UpdateCountryDto) {
    return this.registry.renameCountry(actor, code, dto);
  }

  @Post('countries/:code/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a country: plans keep it, nothing new may name it (admin)' })
  @ApiOkResponse({ type: CountryResponse })
  async retireCountry(@CurrentActor() actor: Actor, @CountryParam() code: string) {
    return countryView(await this.registry.retire(actor, 'countries', { code }, true));
  }

  @Post('countries/:code/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a retired country (admin)' })
  @ApiOkResponse({ type: CountryResponse })
  async restoreCountry(@CurrentActor() actor: Actor, @CountryParam() code: string) {
    return countryView(await this.registry.retire(actor, 'countries', { code }, false));
  }

  // ---- regions ----

  @Get('regions')
  @ApiOperation({ summary: 'The regions: named groups of countries' })
  @ApiOkResponse({ type: RegionPageResponse })
  regions(@Query() query: RegistryListQuery) {
    return this.registry.list('regions', query, regionView);
  }

  @Post('regions')
  @ApiOperation({ summary: 'Add a region (admin)' })
  @ApiCreatedResponse({ type: RegionResponse })
  addRegion(@CurrentActor() actor: Actor, @Body() dto: CreateRegionDto) {
    return this.registry.addRegion(actor, dto);
  }

  @Patch('regions/:id')
  @ApiOperation({ summary: 'Rename a region or change its countries (admin)' })
  @ApiOkResponse({ type: RegionResponse })
  changeRegion(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateRegionDto) {
    return this.registry.changeRegion(actor, id, dto);
  }

  @Post('regions/:id/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a region (admin)' })
  @ApiOkResponse({ type: RegionResponse })
  async retireRegion(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return regionView(await this.registry.retire(actor, 'regions', { id }, true));
  }

  @Post('regions/:id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a retired region (admin)' })
  @ApiOkResponse({ type: RegionResponse })
  async restoreRegion(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return regionView(await this.registry.retire(actor, 'regions', { id }, false));
  }

  // ---- national bodies ----

  @Get('bodies')
  @ApiOperation({ summary: 'The national bodies a plan can consult, each with how many users hold it' })
  @ApiOkResponse({ type: BodyPageResponse })
  bodies(@Query() query: BodyListQuery) {
    return this.registry.list('bodies', query, bodyView);
  }

  @Post('bodies')
  @ApiOperation({ summary: 'Add a national body of a country (admin)' })
  @ApiCreatedResponse({ type: BodyResponse })
  addBody(@CurrentActor() actor: Actor, @Body() dto: CreateBodyDto) {
    return this.registry.addBody(actor, dto);
  }

  @Patch('bodies/:country/:id')
  @ApiOperation({ summary: 'Rename a national body (admin)' })
  @ApiOkResponse({ type: BodyResponse })
  renameBody(
    @CurrentActor() actor: Actor,
    @CountryParam('country') country: string,
    @IdParam() id: string,
    @Body() dto: RenameDto,
  ) {
    return this.registry.renameBody(actor, country, id, dto.name);
  }

  @Post('bodies/:country/:id/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a national body: plans keep it, nothing new may consult it (admin)' })
  @ApiOkResponse({ type: BodyResponse })
  async retireBody(@CurrentActor() actor: Actor, @CountryParam('country') country: string, @IdParam() id: string) {
    return bodyView(await this.registry.retire(actor, 'bodies', { country, id }, true));
  }

  @Post('bodies/:country/:id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a retired national body (admin)' })
  @ApiOkResponse({ type: BodyResponse })
  async restoreBody(@CurrentActor() actor: Actor, @CountryParam('country') country: string, @IdParam() id: string) {
    return bodyView(await this.registry.retire(actor, 'bodies', { country, id }, false));
  }

  // ---- organizations ----

  @Get('organizations')
  @ApiOperation({ summary: 'The organizations: accredited civil society, international and regional partners' })
  @ApiOkResponse({ type: OrganizationPageResponse })
  organizations(@Query() query: OrganizationListQuery) {
    return this.registry.list('organizations', query, organizationView);
  }

  @Post('organizations')
  @ApiOperation({ summary: 'Add an organization (admin)' })
  @ApiCreatedResponse({ type: OrganizationResponse })
  addOrganization(@CurrentActor() actor: Actor, @Body() dto: CreateOrganizationDto) {
    return this.registry.addOrganization(actor, dto);
  }

  @Patch('organizations/:id')
  @ApiOperation({ summary: 'Rename an organization or change its kind (admin)' })
  @ApiOkResponse({ type: OrganizationResponse })
  changeOrganization(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateOrganizationDto) {
    return this.registry.changeOrganization(actor, id, dto);
  }

  @Post('organizations/:id/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire an organization (admin)' })
  @ApiOkResponse({ type: OrganizationResponse })
  async retireOrganization(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return organizationView(await this.registry.retire(actor, 'organizations', { id }, true));
  }

  @Post('organizations/:id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a retired organization (admin)' })
  @ApiOkResponse({ type: OrganizationResponse })
  async restoreOrganization(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return organizationView(await this.registry.retire(actor, 'organizations', { id }, false));
  }

  // ---- Group of Friends seats ----

  @Get('seats')
  @ApiOperation({ summary: 'The Group of Friends seats, each with how many users hold it' })
  @ApiOkResponse({ type: SeatPageResponse })
  seats(@Query() query: RegistryListQuery) {
    return this.registry.list('seats', query, seatView);
  }

  @Post('seats')
  @ApiOperation({ summary: 'Add a seat (admin); a plan waiting in its silence procedure for a seat goes on' })
  @ApiCreatedResponse({ type: SeatResponse })
  addSeat(@CurrentActor() actor: Actor, @Body() dto: CreateSeatDto) {
    return this.registry.addSeat(actor, dto);
  }

  @Patch('seats/:id')
  @ApiOperation({ summary: 'Rename a seat (admin)' })
  @ApiOkResponse({ type: SeatResponse })
  renameSeat(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: RenameDto) {
    return this.registry.renameSeat(actor, id, dto.name);
  }

  @Post('seats/:id/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a seat: it is asked for no endorsement from now on (admin)' })
  @ApiOkResponse({ type: SeatResponse })
  async retireSeat(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return seatView(await this.registry.retire(actor, 'seats', { seat: id }, true));
  }

  @Post('seats/:id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a retired seat (admin)' })
  @ApiOkResponse({ type: SeatResponse })
  async restoreSeat(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return seatView(await this.registry.retire(actor, 'seats', { seat: id }, false));
  }

  // ---- users ----

  @Get('users')
  @ApiOperation({
    summary: 'The users: registered by an admin or seen at sign-in (admin: they carry e-mail addresses)',
  })
  @ApiOkResponse({ type: UserPageResponse })
  users(@CurrentActor() actor: Actor, @Query() query: UserListQuery) {
    return this.registry.listUsers(actor, query);
  }

  @Post('users')
  @ApiOperation({
    summary: 'Register a user before their first sign-in (admin): they can be notified and be given tasks',
  })
  @ApiCreatedResponse({ type: UserResponse })
  registerUser(@CurrentActor() actor: Actor, @Body() dto: RegisterUserDto) {
    return this.registry.registerUser(actor, dto);
  }

  @Patch('users/:id')
  @ApiOperation({ summary: 'Change a user’s name, e-mail or roles (admin)' })
  @ApiOkResponse({ type: UserResponse })
  changeUser(@CurrentActor() actor: Actor, @UserIdParam() id: string, @Body() dto: UpdateUserDto) {
    return this.registry.changeUser(actor, id, dto);
  }

  @Post('users/:id/retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a user: they hold nothing and are told nothing (admin)' })
  @ApiOkResponse({ type: UserResponse })
  retireUser(@CurrentActor() actor: Actor, @UserIdParam() id: string) {
    return this.registry.retireUser(actor, id, true);
  }

  @Post('users/:id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a retired user (admin)' })
  @ApiOkResponse({ type: UserResponse })
  restoreUser(@CurrentActor() actor: Actor, @UserIdParam() id: string) {
    return this.registry.retireUser(actor, id, false);
  }

  // ---- the log, CSV ----

  @Get('changes')
  @ApiOperation({ summary: 'The log of changes to the registry: who, when, what (admin)' })
  @ApiOkResponse({ type: RegistryChangePageResponse })
  changes(@CurrentActor() actor: Actor, @Query() query: ChangeListQuery) {
    return this.registry.changes(actor, query);
  }

  @Get('csv/:kind')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'A list as CSV, retired entries included (the users: admin)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'CSV with a header line' })
  exportCsv(@CurrentActor() actor: Actor, @Param('kind', KindPipe) kind: RegistryKind) {
    if (kind === 'users' && !hasRole(actor, 'admin')) throw forbidden('only an admin may export the users');
    return this.registry.exportCsv(kind);
  }

  @Post('csv/:kind')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import a list from CSV (admin): each row adds, renames, retires or restores its entry. A bad row is reported by line and field, and nothing of the file is applied',
  })
  @ApiOkResponse({ type: ImportResponse })
  importCsv(@CurrentActor() actor: Actor, @Param('kind', KindPipe) kind: RegistryKind, @Body() dto: ImportCsvDto) {
    return this.registry.importCsv(actor, kind, dto.csv);
  }
}
