import { Module } from '@nestjs/common';
import { GofSeatsController } from './gof-seats.controller';
import { GofSeatsService } from './gof-seats.service';

@Module({ controllers: [GofSeatsController], providers: [GofSeatsService] })
export class GofSeatsModule {}
