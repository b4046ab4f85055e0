import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@aoc/domain/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiErrors } from '../common/responses';
import { CreateGofSeatDto, GofSeatResponse } from './dto/create-gof-seat.dto';
import { GofSeatsService } from './gof-seats.service';

@ApiTags('gof-seats')
@ApiBearerAuth()
@ApiErrors()
@Controller('gof-seats')
export class GofSeatsController {
  constructor(@Inject(GofSeatsService) private readonly seats: GofSeatsService) {}

  @Get()
  @ApiOperation({ summary: 'The Group of Friends seats' })
  @ApiOkResponse({ type: [GofSeatResponse] })
  list() {
    return this.seats.list();
  }

  @Post()
  @ApiOperation({ summary: 'Add a seat (admin)' })
  @ApiCreatedResponse({ type: GofSeatResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateGofSeatDto) {
    return this.seats.create(actor, dto);
  }
}
