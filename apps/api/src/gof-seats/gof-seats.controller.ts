import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { DataSource, QueryFailedError } from 'typeorm';
import { Actor, hasRole } from '../../../../libs/domain/src/actor';
import { conflict, forbidden } from '../../../../libs/domain/src/domain-error';
import { GofSeatEntity } from '../../../../libs/persistence/src';
import { CurrentActor } from '../auth/current-actor.decorator';

export class CreateGofSeatDto {
  @ApiProperty({ example: 'ES', description: 'seat id: a member state code or an organization id' })
  @Matches(/^[\w.-]{1,100}$/, { message: 'seat must be 1 to 100 letters, digits or . _ -' })
  seat: string;

  @ApiProperty({ example: 'Spain' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;
}

const view = (s: GofSeatEntity) => ({ seat: s.seat, name: s.name, createdAt: s.createdAt.toISOString() });

/** The Group of Friends seats that take part in the silence procedure. */
@ApiTags('gof-seats')
@ApiBearerAuth()
@Controller('gof-seats')
export class GofSeatsController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'The Group of Friends seats' })
  async list() {
    const seats = await this.db.getRepository(GofSeatEntity).find({ order: { seat: 'ASC' } });
    return seats.map(view);
  }

  @Post()
  @ApiOperation({ summary: 'Add a seat (admin)' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateGofSeatDto) {
    if (!hasRole(actor, 'admin')) throw forbidden('only an admin may add a Group of Friends seat');
    const repo = this.db.getRepository(GofSeatEntity);
    try {
      await repo.insert({ seat: dto.seat, name: dto.name });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw conflict(`seat ${dto.seat} already exists`);
      }
      throw error;
    }
    return view(await repo.findOneByOrFail({ seat: dto.seat }));
  }
}
