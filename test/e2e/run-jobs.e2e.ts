import type { MessageStatusResponse, SubmitMessageResponse } from '@zegel/shared';
import { DatabaseService } from '../../server/src/database/database.service';
import { runSql } from '../../server/src/database/sql.util';
import { JobQueue } from '../../server/src/queue/job-queue';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';

jest.setTimeout(60_000);

const outbox = async (zegel: RunningZegel) =>
  (await http(`${zegel.url}/api/v1/admin/outbox`)).json<{ to: string[]; kind: string }[]>();

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
  });
});
