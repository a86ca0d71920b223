import { Module } from '@nestjs/common';
import { DatabaseJobQueue } from './database-job-queue.service';
import { JobQueue } from './job-queue';
import { JobRepository } from './job.repository';

/** The durable job queue every domain enqueues into and delivery works off. */
@Module({
  providers: [JobRepository, { provide: JobQueue, useClass: DatabaseJobQueue }],
  exports: [JobQueue, JobRepository],
})
export class QueueModule {}
