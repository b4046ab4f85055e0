import { DataSource } from 'typeorm';
import {
  AdoptionRecordEntity,
  AdoptionRecordFileEntity,
  RecordSigningKeyEntity,
} from './entities/adoption-record.entity';
import { CommentEntity } from './entities/comment.entity';
import { EventEntity } from './entities/event.entity';
import { GofSeatEntity } from './entities/gof-seat.entity';
import { PlanVersionEntity } from './entities/plan-version.entity';
import { PlanEntity } from './entities/plan.entity';
import { SessionEntity } from './entities/session.entity';
import { TaskEntity } from './entities/task.entity';
import { UserEntity } from './entities/user.entity';
import {
  CountryEntity,
  NationalBodyEntity,
  OrganizationEntity,
  RegionEntity,
  RegistryChangeEntity,
} from './entities/registry.entities';
import {
  NotificationAttemptEntity,
  NotificationDeliveryEntity,
  NotificationPreferenceEntity,
  WebhookEntity,
} from './entities/notification.entities';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [
  PlanEntity,
  PlanVersionEntity,
  TaskEntity,
  CommentEntity,
  EventEntity,
  GofSeatEntity,
  UserEntity,
  NotificationDeliveryEntity,
  NotificationAttemptEntity,
  NotificationPreferenceEntity,
  WebhookEntity,
  SessionEntity,
  AdoptionRecordEntity,
  AdoptionRecordFileEntity,
  RecordSigningKeyEntity,
  CountryEntity,
  RegionEntity,
  NationalBodyEntity,
  OrganizationEntity,
  RegistryChangeEntity,
];

/** The one TypeORM data source: schema only through migrations, never `synchronize`. */
export function createDataSource(url: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 },
  });
}
