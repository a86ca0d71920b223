import { PermanentJobError, RetryLaterError } from '../queue/job-types';
import { GraphError, type GraphClient } from './graph.client';
import { GraphMailTransport } from './graph-mail.transport';
import type { M365Identity } from './m365-identity.service';

/** A Graph client that records the post and answers as told (a unit test of the mapping only). */
function transport(answer?: GraphError) {
  const posts: { path: string; body: string; type: string }[] = [];
  const graph = {
    post: (path: string, _token: string, body: string, type: string) => {
      posts.push({ path, body, type });
      return answer ? Promise.reject(answer) : Promise.resolve();
    },
  } as unknown as GraphClient;
  const identity = { appToken: () => Promise.resolve('app-token') } as unknown as M365Identity;
  return { posts, mail: new GraphMailTransport(identity, graph, 'zegel@zorg.example') };
}

const MAIL = {
  from: 'Zegel <zegel@zorg.example>',
  to: 'patient@example.org',
  subject: 'Bericht',
  text: 'Zie de link.',
  headers: { 'X-Zegel-Kind': 'notification' },
};

describe('GraphMailTransport', () => {
  it('posts the MIME base64-encoded as text/plain to the mailbox', async () => {
    const { posts, mail } = transport();
    const { messageId } = await mail.send(MAIL);
    expect(posts).toHaveLength(1);
    expect(posts[0].path).toBe('/users/zegel%40zorg.example/sendMail');
    expect(posts[0].type).toBe('text/plain');
    const mime = Buffer.from(posts[0].body, 'base64').toString('utf8');
    expect(mime).toMatch(/^X-Zegel-Kind: notification$/m);
    expect(mime).toContain(`Message-ID: ${messageId}`);
  });

  it.each([
    [new GraphError(429, 'TooManyRequests', 'slow down', 7_000), RetryLaterError, 7_000],
    [new GraphError(503, 'ServiceUnavailable', 'later'), RetryLaterError, 30_000],
    [new GraphError(400, 'ErrorMimeContentInvalid', 'bad'), PermanentJobError, undefined],
    [new GraphError(413, 'RequestEntityTooLarge', 'big'), PermanentJobError, undefined],
    [new GraphError(403, 'ErrorAccessDenied', 'no'), GraphError, undefined],
  ])('turns %s into the right job error', async (answer, type, retryAfterMs) => {
    const { mail } = transport(answer);
    const error = await mail.send(MAIL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    if (retryAfterMs !== undefined)
      expect((error as RetryLaterError).retryAfterMs).toBe(retryAfterMs);
  });
});
