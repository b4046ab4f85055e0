import { Module } from '@nestjs/common';
import { ConfigModule } from '@aoc/config/config.module';
import { PersistenceModule } from '@aoc/persistence/persistence.module';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [ConfigModule, PersistenceModule],
  providers: [TemporalWorkerService],
})
export class WorkerModule {}
