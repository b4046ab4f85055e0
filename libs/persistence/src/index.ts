export { createDataSource, ENTITIES } from './data-source';
export {
  AdoptionRecordEntity,
  AdoptionRecordFileEntity,
  RecordSigningKeyEntity,
} from './entities/adoption-record.entity';
export { CommentEntity } from './entities/comment.entity';
export { EventEntity } from './entities/event.entity';
export { GofSeatEntity } from './entities/gof-seat.entity';
export { PlanVersionEntity } from './entities/plan-version.entity';
export { PlanEntity } from './entities/plan.entity';
export { SessionEntity } from './entities/session.entity';
export { TaskEntity } from './entities/task.entity';
export { UserEntity } from './entities/user.entity';
export {
  NotificationAttemptEntity,
  NotificationDeliveryEntity,
  NotificationPreferenceEntity,
  WebhookEntity,
} from './entities/notification.entities';
export {
  CountryEntity,
  NationalBodyEntity,
  OrganizationEntity,
  RegionEntity,
  RegistryChangeEntity,
} from './entities/registry.entities';
