import { Module } from '@nestjs/common';
import { RegistryModule } from '../registry/registry.module';
import { GofSeatsController } from './gof-seats.controller';
import { GofSeatsService } from './gof-seats.service';

@Module({ imports: [RegistryModule], controllers: [GofSeatsController], providers: [GofSeatsService] })
export class GofSeatsModule {}
