import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { redisConnection } from '../../server/src/queue/redis-connection';

/** The Redis the BullMQ tests use (the machine's, on loopback); each test file takes its own prefix. */
export const TEST_REDIS_URL = process.env.ZEGEL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testRedisPrefix(): string {
  return `zegel-test-${randomBytes(6).toString('hex')}`;
}

/** Removes every key of the job queue under `prefix`. */
export async function dropRedisQueue(prefix: string): Promise<void> {
  const queue = new Queue('jobs', { connection: redisConnection(TEST_REDIS_URL), prefix });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}
