import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ConfigModule } from '../../../libs/config/src/config.module';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { AuthGuard } from './auth/auth.guard';
import { CommentsModule } from './comments/comments.module';
import { ErrorFilter } from './common/error.filter';
import { RequestLoggerMiddleware } from './common/request-logger.middleware';
import { GofSeatsModule } from './gof-seats/gof-seats.module';
import { HealthController } from './health/health.controller';
import { PlansModule } from './plans/plans.module';
import { TasksModule } from './tasks/tasks.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({
  imports: [ConfigModule, PersistenceModule, TemporalModule, PlansModule, TasksModule, CommentsModule, GofSeatsModule],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggerMiddleware).forRoutes('{*path}');
  }
}
