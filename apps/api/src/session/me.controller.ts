import { Controller, Get, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { capabilitiesOf } from '@aoc/domain/capabilities';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ApiTooManyRequests, ErrorResponse } from '../common/responses';
import { MeResponse } from './dto/me.response';

/** Who the caller is, and what they may do: for a user interface (bearer token or session cookie). */
@ApiTags('auth')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({
    summary:
      'Who am I: the user (sub, name, e-mail, roles, country, body, seat, org), how they signed in, and what they may do',
  })
  @ApiOkResponse({ type: MeResponse })
  @ApiUnauthorizedResponse({ type: ErrorResponse, description: 'no valid bearer token or session' })
  @ApiTooManyRequests()
  me(@Req() req: AuthenticatedRequest): MeResponse {
    const { identity, via, expiresAt } = req.authentication!;
    const { actor } = identity;
    return {
      sub: actor.sub,
      name: identity.name ?? null,
      email: identity.email ?? null,
      roles: actor.roles,
      country: actor.country ?? null,
      body: actor.body ?? null,
      seat: actor.seat ?? null,
      org: actor.org ?? null,
      authenticatedBy: via,
      sessionExpiresAt: expiresAt ? expiresAt.toISOString() : null,
      capabilities: capabilitiesOf(actor),
    };
  }
}
