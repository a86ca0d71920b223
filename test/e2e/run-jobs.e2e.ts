import type { MessageStatusResponse, SubmitMessageResponse } from '@zegel/shared';
import { DatabaseService } from '../../server/src/database/database.service';
import { MetricsEndpoint } from '../../server/src/health/metrics-endpoint.service';
import { runSql } from '../../server/src/database/sql.util';
import { JobQueue } from '../../server/src/queue/job-queue';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

jest.setTimeout(60_000);

const outbox = async (zegel: RunningZegel) =>
  (await http(`${zegel.url}/api/v1/admin/outbox`)).json<{ to: string[]; kind: string }[]>();

/** The job queue's gauges as an instance's metrics listener reports them. */
async function jobGauges(zegel: RunningZegel): Promise<Record<string, number>> {
  const port = zegel.app.get(MetricsEndpoint).port;
  const text = (await http(`http://127.0.0.1:${port}/metrics`)).text();
  return Object.fromEntries(
    [...text.matchAll(/^zegel_jobs_(\w+) (\S+)$/gm)].map((m) => [m[1], Number(m[2])]),
  );
}

/**
 * ZEGEL_RUN_JOBS=false: an instance that takes mail in and enqueues its jobs, and leaves running
 * them to another instance on the same database.
 */
describe('an instance that runs no jobs (ZEGEL_RUN_JOBS=false)', () => {
  let intake: RunningZegel;
  let worker: RunningZegel | undefined;

  beforeAll(async () => {
    intake = await startZegel({ env: { ZEGEL_RUN_JOBS: 'false' } });
  });
  afterAll(async () => {
    await worker?.close({ keepFiles: true });
    await intake?.close();
  });

  it('acknowledges mail, sends nothing itself, and another instance sends its notification', async () => {
    const res = await http(
      `${intake.url}/api/v1/messages`,
      jsonRequest({
        classification: 'registered',
        subject: 'split',
        recipients: [{ address: 'split@example.nl' }],
        text: 'body',
      }),
    );
    expect(res.status).toBe(201);
    const { id } = res.json<SubmitMessageResponse>();

    // Longer than the queue's poll interval (1 s): a running queue would have claimed the job.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await outbox(intake)).toEqual([]);
    const { rows } = await runSql<{ type: string; leaseOwner: string | null }>(
      intake.app.get(DatabaseService).manager,
      `SELECT type, "leaseOwner" FROM jobs`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'notify-recipient' })]),
    );
    expect(rows.every((row) => row.leaseOwner === null)).toBe(true);
    await expect(intake.app.get(JobQueue).drain(100)).rejects.toThrow('runs no jobs');
    // What an operator watches: work that waits for a worker, and for how long.
    const waiting = await jobGauges(intake);
    expect(waiting.due).toBeGreaterThanOrEqual(1);
    expect(waiting.queued).toBeGreaterThanOrEqual(waiting.due);
    expect(waiting.oldest_due_seconds).toBeGreaterThan(1.5);
    expect(waiting.failed).toBe(0);

    worker = await startZegel({
      root: intake.root,
      databaseUrl:
        intake.config.database.type === 'postgres' ? intake.config.database.url : undefined,
    });
    await worker.app.get(JobQueue).drain();
    const sent = await outbox(intake);
    expect(sent.filter((m) => m.to.includes('split@example.nl'))).toHaveLength(1);
    const status = (
      await http(`${intake.url}/api/v1/messages/${id}`)
    ).json<MessageStatusResponse>();
    expect(status.recipients[0].state).toBe('notified');
    const after = await jobGauges(intake);
    expect(after.due).toBe(0);
    expect(after.oldest_due_seconds).toBe(0);
  });
});
