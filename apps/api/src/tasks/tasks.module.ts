import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlansModule } from '../plans/plans.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

@Module({ imports: [PlansModule, NotificationsModule], controllers: [TasksController], providers: [TasksService] })
export class TasksModule {}
