import { Module } from '@nestjs/common';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { HealthModule } from '../health/health.module';
import { BullmqJobQueue } from './bullmq-job-queue.service';
import { DatabaseJobQueue } from './database-job-queue.service';
import { JobMetrics } from './job-metrics.service';
import { JobQueue } from './job-queue';
import { JobOutboxRepository } from './job-outbox.repository';
import { JobRepository } from './job.repository';

/** The queue the configuration names: the database (default) or BullMQ on Redis. */
function openJobQueue(
  config: ZegelConfig,
  db: DatabaseService,
  jobs: JobRepository,
  outbox: JobOutboxRepository,
): JobQueue {
  if (config.queue.type === 'bullmq') {
    return new BullmqJobQueue(db, jobs, outbox, {
      redisUrl: config.queue.redisUrl,
      prefix: config.queue.prefix,
      leaseMs: config.delivery.jobLeaseMs,
      runJobs: config.delivery.runJobs,
    });
  }
  return new DatabaseJobQueue(db, jobs, config);
}

/** The durable job queue every domain enqueues into and delivery works off. */
@Module({
  imports: [HealthModule],
  providers: [
    JobRepository,
    JobOutboxRepository,
    JobMetrics,
    {
      provide: JobQueue,
      inject: [ZegelConfig, DatabaseService, JobRepository, JobOutboxRepository],
      useFactory: openJobQueue,
    },
  ],
  exports: [JobQueue, JobRepository],
})
export class QueueModule {}
