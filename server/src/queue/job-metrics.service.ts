import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '../health/metrics.service';
import { JobRepository, type JobBacklog } from './job.repository';

/**
 * The job queue on the metrics listener, read from the database at each scrape: every instance
 * reports the same shared queue, whether or not it runs jobs itself (ZEGEL_RUN_JOBS). A due job
 * that waits long means no instance is taking jobs, or too few for the load.
 */
@Injectable()
export class JobMetrics {
  private readonly logger = new Logger('jobs');
  private reading?: Promise<JobBacklog | null>;

  constructor(metrics: MetricsService, jobs: JobRepository) {
    // A scrape collects every gauge at once: they share one query, and the next scrape reads anew.
    // A failed read shows as NaN rather than failing the scrape (and every other metric with it),
    // and says why in the log, once per scrape.
    const backlog = () =>
      (this.reading ??= jobs
        .backlog()
        .catch((error: unknown) => {
          this.logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'job queue metrics could not be read',
          );
          return null;
        })
        .finally(() => setImmediate(() => (this.reading = undefined))));
    const gauge = (name: string, help: string, value: (b: JobBacklog) => number) =>
      new Gauge({
        name,
        help,
        registers: [metrics.registry],
        async collect() {
          const read = await backlog();
          this.set(read ? value(read) : NaN);
        },
      });
    gauge(
      'zegel_jobs_queued',
      'Jobs waiting, due now or later (retries, delayed work)',
      (b) => b.queued,
    );
    gauge('zegel_jobs_due', 'Jobs due now that no worker holds', (b) => b.due);
    gauge(
      'zegel_jobs_oldest_due_seconds',
      'How long the oldest due job has waited for a worker (0 when none waits)',
      (b) => (b.oldestDue ? Math.max(0, (Date.now() - b.oldestDue.getTime()) / 1000) : 0),
    );
    gauge('zegel_jobs_failed', 'Jobs that gave up after their last attempt', (b) => b.failed);
  }
}
