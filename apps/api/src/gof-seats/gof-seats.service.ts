import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { Actor, hasRole } from '@aoc/domain/actor';
import { ErrorCode, conflict, forbidden } from '@aoc/domain/domain-error';
import { GofSeatEntity, PlanEntity } from '@aoc/persistence';
import { ReviewGateway } from '../temporal/review.gateway';
import { CreateGofSeatDto, GofSeatResponse } from './dto/create-gof-seat.dto';

const UNIQUE_VIOLATION = '23505';

const view = (s: GofSeatEntity): GofSeatResponse => ({
  seat: s.seat,
  name: s.name,
  createdAt: s.createdAt.toISOString(),
});

/** The Group of Friends seats that take part in the silence procedure. */
@Injectable()
export class GofSeatsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ReviewGateway) private readonly reviews: ReviewGateway,
  ) {}

  async list(): Promise<GofSeatResponse[]> {
    const seats = await this.db.getRepository(GofSeatEntity).find({ order: { seat: 'ASC' } });
    return seats.map(view);
  }

  async create(actor: Actor, dto: CreateGofSeatDto): Promise<GofSeatResponse> {
    if (!hasRole(actor, 'admin')) throw forbidden('only an admin may add a Group of Friends seat');
    const repo = this.db.getRepository(GofSeatEntity);
    try {
      await repo.insert({ seat: dto.seat, name: dto.name });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw conflict(ErrorCode.SeatExists, `seat ${dto.seat} already exists`);
      }
      throw error;
    }
    // A plan in the silence procedure that had no seat waits for this one.
    const endorsing = await this.db
      .getRepository(PlanEntity)
      .find({ select: { id: true }, where: { status: 'GOF_ENDORSEMENT' } });
    await Promise.all(endorsing.map((plan) => this.reviews.seatsChanged(plan.id)));
    return view(await repo.findOneByOrFail({ seat: dto.seat }));
  }
}
