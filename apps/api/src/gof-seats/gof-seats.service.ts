import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@aoc/domain/actor';
import { RegistryService } from '../registry/registry.service';
import { seatView } from '../registry/registry.views';
import { CreateGofSeatDto, GofSeatResponse } from './dto/create-gof-seat.dto';

const view = (s: { seat: string; name: string; createdAt: string }): GofSeatResponse => ({
  seat: s.seat,
  name: s.name,
  createdAt: s.createdAt,
});

/**
 * The Group of Friends seats that take part in the silence procedure: the registry's seats (DOMAIN
 * §12), under their first address. The registry keeps them; this lists those not retired.
 */
@Injectable()
export class GofSeatsService {
  constructor(@Inject(RegistryService) private readonly registry: RegistryService) {}

  async list(): Promise<GofSeatResponse[]> {
    const { items } = await this.registry.list('seats', { page: 1, pageSize: 10_000 }, seatView);
    return items.map(view);
  }

  async create(actor: Actor, dto: CreateGofSeatDto): Promise<GofSeatResponse> {
    return view(await this.registry.addSeat(actor, dto));
  }
}
