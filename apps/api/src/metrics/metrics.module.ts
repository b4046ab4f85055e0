import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';
import { ReviewMetrics } from './review-metrics';

/**
 * Prometheus metrics (docs/monitoring.md). Global, so that any module may inject the one
 * MetricsRegistry and add its own metrics to it. HttpMetricsMiddleware is applied by AppModule.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, ReviewMetrics],
  exports: [MetricsRegistry],
})
export class MetricsModule {}
