import { Logger } from '@nestjs/common';
import { MetricsService } from '../health/metrics.service';
import { JobMetrics } from './job-metrics.service';
import type { JobBacklog, JobRepository } from './job.repository';

const gauges = (text: string) =>
  Object.fromEntries(
    [...text.matchAll(/^zegel_jobs_(\w+) (\S+)$/gm)].map((m) => [m[1], Number(m[2])]),
  );

describe('JobMetrics', () => {
  it('reads the backlog once per scrape for all its gauges, and anew at the next scrape', async () => {
    const metrics = new MetricsService();
    const oldestDue = new Date(Date.now() - 30_000);
    let reads = 0;
    const jobs = {
      backlog: async (): Promise<JobBacklog> => {
        reads++;
        return { queued: 7, due: 3, oldestDue, failed: 1 };
      },
    } as unknown as JobRepository;
    new JobMetrics(metrics, jobs);

    const first = gauges(await metrics.render());
    expect(reads).toBe(1);
    expect(first).toMatchObject({ queued: 7, due: 3, failed: 1 });
    expect(first.oldest_due_seconds).toBeGreaterThanOrEqual(30);
    expect(first.oldest_due_seconds).toBeLessThan(60);
    await new Promise((r) => setImmediate(r));
    await metrics.render();
    expect(reads).toBe(2);
  });

  it('shows NaN for a backlog it cannot read, and the other metrics still, and logs why once', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const metrics = new MetricsService();
    const jobs = {
      backlog: () => Promise.reject(new Error('database is closed')),
    } as unknown as JobRepository;
    new JobMetrics(metrics, jobs);
    const text = await metrics.render();
    expect(gauges(text)).toEqual({
      queued: NaN,
      due: NaN,
      oldest_due_seconds: NaN,
      failed: NaN,
    });
    expect(text).toContain('zegel_process_resident_memory_bytes');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      { err: 'database is closed' },
      'job queue metrics could not be read',
    );
    warn.mockRestore();
  });

  it('reports no wait when nothing is due', async () => {
    const metrics = new MetricsService();
    const jobs = {
      backlog: async (): Promise<JobBacklog> => ({ queued: 2, due: 0, oldestDue: null, failed: 0 }),
    } as unknown as JobRepository;
    new JobMetrics(metrics, jobs);
    expect(gauges(await metrics.render())).toEqual({
      queued: 2,
      due: 0,
      oldest_due_seconds: 0,
      failed: 0,
    });
  });
});
