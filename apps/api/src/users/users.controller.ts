import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { type Actor, ROLES, type Role, hasRole } from '@aoc/domain/actor';
import { forbidden, invalid } from '@aoc/domain/domain-error';
import type { UserEntity } from '@aoc/persistence';
import { listUsers } from '@aoc/persistence/repositories/users';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiErrors } from '../common/responses';
import { UserResponse } from './dto/user.response';

export const userView = (u: UserEntity): UserResponse => ({
  id: u.id,
  name: u.name,
  email: u.email,
  roles: u.roles,
  country: u.country,
  body: u.body,
  seat: u.seat,
  org: u.org,
  firstSeenAt: u.firstSeenAt?.toISOString() ?? null,
  lastSeenAt: u.lastSeenAt?.toISOString() ?? null,
  registeredAt: u.registeredAt?.toISOString() ?? null,
  retired: u.retiredAt !== null,
  scopeUnknown: u.scopeUnknown,
});

/** The users directory (read only: UserDirectory is its one writer). */
@ApiTags('users')
@ApiBearerAuth()
@ApiErrors()
@Controller('users')
export class UsersController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Get()
  @ApiOperation({
    summary:
      'The users this service has seen or an admin registered (not retired), with the roles and scope of their last token (admin)',
  })
  @ApiQuery({ name: 'role', required: false, enum: ROLES, description: 'only users with this role' })
  @ApiOkResponse({ type: [UserResponse] })
  async list(@CurrentActor() actor: Actor, @Query('role') role?: string): Promise<UserResponse[]> {
    if (!hasRole(actor, 'admin')) throw forbidden('only an admin may list the users');
    if (role !== undefined && !ROLES.includes(role as Role)) {
      throw invalid(`role must be one of: ${ROLES.join(', ')}`);
    }
    const { items } = await listUsers(this.db, { page: 1, pageSize: 10_000, ...(role ? { role } : {}) });
    return items.map(userView);
  }
}
