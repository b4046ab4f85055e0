import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, ConfigModule } from '@aoc/config/config.module';
import type { AppConfig } from '@aoc/config/config.schema';
import { PersistenceModule } from '@aoc/persistence/persistence.module';
import { AuthGuard } from './auth/auth.guard';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { RateLimitGuard, rateLimitOptions } from './auth/rate-limit';
import { CommentsModule } from './comments/comments.module';
import { ErrorFilter } from './common/error.filter';
import { RequestLoggerMiddleware } from './common/request-logger.middleware';
import { GofSeatsModule } from './gof-seats/gof-seats.module';
import { RegistryModule } from './registry/registry.module';
import { HealthController } from './health/health.controller';
import { NotificationsModule } from './notifications/notifications.module';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsModule } from './metrics/metrics.module';
import { PlansModule } from './plans/plans.module';
import { PublicationModule } from './publication/publication.module';
import { SessionModule } from './session/session.module';
import { TasksModule } from './tasks/tasks.module';
import { TemporalModule } from './temporal/temporal.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => rateLimitOptions(config),
    }),
    PersistenceModule,
    MetricsModule,
    AuthModule,
    TemporalModule,
    PlansModule,
    TasksModule,
    CommentsModule,
    GofSeatsModule,
    RegistryModule,
    UsersModule,
    NotificationsModule,
    AdminModule,
    SessionModule,
    PublicationModule,
  ],
  controllers: [HealthController],
  providers: [
    // Guards run in this order: rate limits first, so that a client over its limit costs nothing more.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware, RequestLoggerMiddleware).forRoutes('{*path}');
  }
}
