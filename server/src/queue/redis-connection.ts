import type { ConnectionOptions } from 'bullmq';

/**
 * `redis://[user:password@]host[:port][/db]` or `rediss://…` as the connection options BullMQ hands
 * to ioredis (which takes no URL in its options object). Workers need `maxRetriesPerRequest: null`:
 * a blocking read must wait out a Redis restart instead of failing.
 */
export function redisConnection(url: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('ZEGEL_REDIS_URL: not a URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error('ZEGEL_REDIS_URL: must start with redis:// or rediss://');
  }
  const path = parsed.pathname.replace(/^\//, '');
  if (path && !/^\d{1,2}$/.test(path)) {
    throw new Error('ZEGEL_REDIS_URL: the path must be a database number (0-15)');
  }
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: path ? Number(path) : 0,
    // rediss:// verifies the server certificate against the system's CAs; never without.
    tls: parsed.protocol === 'rediss:' ? { servername: parsed.hostname } : undefined,
    maxRetriesPerRequest: null,
  };
}
