import { InitialSchema1795851625099 } from './1795851625099-initial-schema.migration';
import { AddPlanForeignKeys1795855583892 } from './1795855583892-add-plan-foreign-keys.migration';
import { AppendOnlyLog1795940000000 } from './1795940000000-append-only-log.migration';
import { PlanStatusOwners1795950000000 } from './1795950000000-plan-status-owners.migration';
import { UsersDirectory1795960000000 } from './1795960000000-users-directory.migration';
import { OpenTaskIndexes1795970000000 } from './1795970000000-open-task-indexes.migration';
import { BrowserSessions1795980000000 } from './1795980000000-browser-sessions.migration';
import { MonitoringIndexes1795990000000 } from './1795990000000-monitoring-indexes.migration';
import { Notifications1796000000000 } from './1796000000000-notifications.migration';
import { Publication1796674027117 } from './1796674027117-publication.migration';
import { Registry1796685955425 } from './1796685955425-registry.migration';
import { PlanReachedStage1796700000000 } from './1796700000000-plan-reached-stage.migration';
import { NotificationOutbox1796800000000 } from './1796800000000-notification-outbox.migration';

/** Every migration, oldest first. Maintained by `npm run migration:generate`. */
export const MIGRATIONS = [
  InitialSchema1795851625099,
  AddPlanForeignKeys1795855583892,
  AppendOnlyLog1795940000000,
  PlanStatusOwners1795950000000,
  UsersDirectory1795960000000,
  OpenTaskIndexes1795970000000,
  BrowserSessions1795980000000,
  MonitoringIndexes1795990000000,
  Notifications1796000000000,
  Publication1796674027117,
  Registry1796685955425,
  PlanReachedStage1796700000000,
  NotificationOutbox1796800000000,
];
