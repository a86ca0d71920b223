import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import type {
  GraphIntakeRequest,
  MessageStatusResponse,
  SubmitMessageResponse,
} from '@zegel/shared';
import type { Readable } from 'node:stream';
import { http, jsonRequest } from '../support/http';
import { bufferContent, generatedContent, type GraphContent } from '../support/m365-graph';
import { startM365Lab, type M365Lab } from '../support/m365-lab';
import { startZegel, type RunningZegel } from '../support/server';
import { ContentService } from '../../server/src/messages/content.service';
import { MessageRepository } from '../../server/src/messages/message.repository';

// Send registered through Microsoft Graph, with real parts: msal-node (in Zegel) against
// oidc-provider over HTTPS as the authority, a real On-Behalf-Of token exchange, and the Graph
// stand-in that checks every token with jose. Nothing passes through the client but the item id.
jest.setTimeout(180_000);

let lab: M365Lab;
let zegel: RunningZegel;
let userToken: string;

const ANNE = 'anne@example.nl';
const sha256 = async (stream: Readable) => {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

beforeAll(async () => {
  lab = await startM365Lab();
  zegel = await startZegel({ env: lab.env({ ZEGEL_GRAPH_INTAKE_MIN_BYTES: '5000000' }) });
  userToken = await lab.provider.token('sender');
});

afterAll(async () => {
  await zegel?.close();
  await lab?.close();
});

function draft(
  id: string,
  attachments: GraphContent[],
  extra: Partial<Parameters<M365Lab['graph']['addDraft']>[0]> = {},
) {
  lab.graph.addDraft({
    id,
    owner: ANNE,
    subject: `Uitslag ${id}`,
    html: `<p>Beste patiënt, zie de bijlage (${id}).</p>`,
    headers: { 'X-Zegel-Classification': 'registered' },
    to: ['patient@example.org'],
    cc: ['huisarts@example.org'],
    attachments,
    ...extra,
  });
}

function pane(
  id: string,
  attachments: GraphContent[],
  extra: Partial<GraphIntakeRequest> = {},
): GraphIntakeRequest {
  return {
    itemId: id,
    classification: 'registered',
    recipients: [
      { address: 'patient@example.org', phone: '+31612345678' },
      { address: 'huisarts@example.org' },
    ],
    attachments: attachments.map((a) => ({ name: a.name, size: a.size, kind: 'file' as const })),
    ...extra,
  };
}

const blobCount = (): number =>
  readdirSync(join(zegel.dataDir, 'blobs'), { recursive: true }).filter(
    (n) => String(n).length >= 32,
  ).length;

const submit = (body: GraphIntakeRequest, token = userToken) =>
  http(
    `${zegel.url}/api/v1/m365/intake`,
    jsonRequest(body, { headers: { authorization: `Bearer ${token}` } }),
  );

describe('Send registered through Microsoft Graph', () => {
  it('tells the task pane that Graph is set up, and from which size on', async () => {
    const res = await http(`${zegel.url}/api/v1/m365/intake`, {
      headers: { authorization: `Bearer ${userToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ enabled: true, minBytes: 5_000_000 });
  });

  it('takes a small draft by item id: On-Behalf-Of, MIME from Graph, into the vault', async () => {
    const files = [bufferContent('brief.pdf', 'application/pdf', Buffer.from('%PDF-1.7 brief'))];
    draft('small-1', files);
    const res = await submit(pane('small-1', files));
    expect(res.status).toBe(201);
    const body = res.json<SubmitMessageResponse>();
    expect(body.attachments).toEqual([
      expect.objectContaining({
        name: 'brief.pdf',
        size: 14,
        sha256: createHash('sha256').update('%PDF-1.7 brief').digest('hex'),
      }),
    ]);
    // No SMS provider is configured outside development mode, so the sender passes every code on.
    expect(body.recipients.map((r) => [r.address, r.ceIdChannel])).toEqual([
      ['patient@example.org', 'sender'],
      ['huisarts@example.org', 'sender'],
    ]);
  });

  it('keeps the Content-ID of a picture in the body with its stored part', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const files = [
      bufferContent('brief.pdf', 'application/pdf', Buffer.from('%PDF-1.7 brief')),
      { ...bufferContent('image001.png', 'image/png', png), contentId: 'logo@example.nl' },
    ];
    draft('inline-1', files, { html: '<p>Met logo:</p><img src="cid:logo@example.nl">' });
    const res = await submit(pane('inline-1', files));
    expect(res.status).toBe(201);
    const { id: messageId } = res.json<SubmitMessageResponse>();
    const content = zegel.app.get(ContentService);
    const message = (await zegel.app.get(MessageRepository).byId(messageId))!;
    const meta = content.meta(message, await content.dataKey(messageId));
    expect(meta.attachments).toEqual([
      { name: 'brief.pdf' },
      { name: 'image001.png', contentId: 'logo@example.nl' },
    ]);
  });

  it('takes a 60 MB draft: streamed from Graph into the vault, digests matching the content', async () => {
    const large = generatedContent('scan.pdf', 'application/pdf', 60 * 1024 * 1024, 'large-1');
    const note = bufferContent('begeleidend.txt', 'text/plain', Buffer.from('Zie scan.'));
    draft('large-1', [large, note]);
    const res = await submit(pane('large-1', [large, note]));
    expect(res.status).toBe(201);
    const body = res.json<SubmitMessageResponse>();
    expect(body.attachments.map((a) => [a.name, a.size, a.sha256])).toEqual([
      ['scan.pdf', large.size, await sha256(large.open())],
      ['begeleidend.txt', 9, await sha256(note.open())],
    ]);
    const status = await http(`${zegel.url}/api/v1/messages/${body.id}`, {
      headers: { authorization: `Bearer ${userToken}` },
    });
    expect(status.json<MessageStatusResponse>().attachments.map((a) => a.sha256)).toEqual(
      body.attachments.map((a) => a.sha256),
    );
    expect(lab.graph.requests.filter((r) => r.path === '/v1.0/me/messages/large-1/$value')).toEqual(
      [expect.objectContaining({ status: 200 })],
    );
  });

  it('pages through the attachment list with @odata.nextLink', async () => {
    const files = [1, 2, 3, 4, 5].map((n) =>
      bufferContent(`bijlage-${n}.txt`, 'text/plain', Buffer.from(`inhoud ${n}`)),
    );
    draft('paged-1', files);
    const res = await submit(pane('paged-1', files));
    expect(res.status).toBe(201);
    expect(res.json<SubmitMessageResponse>().attachments.map((a) => a.name)).toEqual(
      files.map((f) => f.name),
    );
    expect(
      lab.graph.requests.filter((r) => r.path === '/v1.0/me/messages/paged-1/attachments'),
    ).toHaveLength(3);
  });

  it("fetches a OneDrive link as a file with the user's rights and seals it like any attachment", async () => {
    const report = generatedContent(
      'jaarverslag.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      2_500_000,
      'cloud-1',
    );
    const url = 'https://contoso-my.sharepoint.com/:w:/g/personal/anne_example_nl/EcLoud1';
    lab.graph.addDriveFile({ ...report, url, readers: [ANNE] });
    const files = [bufferContent('brief.txt', 'text/plain', Buffer.from('zie link'))];
    draft('cloud-1', files, { cloud: [{ name: 'jaarverslag.docx', url }] });
    const res = await submit(
      pane('cloud-1', files, {
        attachments: [
          { name: 'brief.txt', size: 8, kind: 'file' },
          { name: 'jaarverslag.docx', size: 0, kind: 'cloud', url },
        ],
      }),
    );
    expect(res.status).toBe(201);
    expect(
      res.json<SubmitMessageResponse>().attachments.map((a) => [a.name, a.size, a.sha256]),
    ).toEqual([
      ['brief.txt', 8, await sha256(files[0].open())],
      ['jaarverslag.docx', report.size, await sha256(report.open())],
    ]);
  });

  it('refuses a link the user cannot read, by name, before reading the draft, and stores nothing', async () => {
    const secret = generatedContent('salarissen.xlsx', 'application/vnd.ms-excel', 1000, 'denied');
    const url = 'https://contoso.sharepoint.com/:x:/s/hr/Salarissen';
    lab.graph.addDriveFile({ ...secret, url, readers: ['hr@example.nl'] });
    draft('cloud-denied', [], { cloud: [{ name: 'salarissen.xlsx', url }] });
    const before = blobCount();
    const res = await submit(
      pane('cloud-denied', [], {
        attachments: [{ name: 'salarissen.xlsx', size: 0, kind: 'cloud', url }],
      }),
    );
    expect(res.status).toBe(422);
    expect(res.json()).toMatchObject({
      error: {
        code: 'ATTACHMENT_UNREADABLE',
        message: expect.stringMatching(/^salarissen\.xlsx: you cannot open/),
      },
    });
    expect(lab.graph.requests.some((r) => r.path === '/v1.0/me/messages/cloud-denied/$value')).toBe(
      false,
    );
    expect(blobCount()).toBe(before);
  });

  it('waits out Graph throttling (429 with Retry-After) and then takes the draft', async () => {
    const files = [bufferContent('a.txt', 'text/plain', Buffer.from('a'))];
    draft('throttled-1', files);
    lab.graph.throttle('GET', /^\/me\/messages\/throttled-1\/\$value$/, 2);
    const res = await submit(pane('throttled-1', files));
    expect(res.status).toBe(201);
    const tries = lab.graph.requests.filter(
      (r) => r.path === '/v1.0/me/messages/throttled-1/$value',
    );
    expect(tries.map((r) => r.status)).toEqual([429, 200]);
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(2_000);
  });

  it('refuses a draft that is not what the task pane showed, listing every difference', async () => {
    const files = [bufferContent('a.txt', 'text/plain', Buffer.from('a'))];
    draft('changed-1', files, { bcc: ['stiekem@example.com'] });
    const res = await submit(
      pane('changed-1', files, {
        attachments: [
          { name: 'a.txt', size: 1, kind: 'file' },
          { name: 'b.txt', size: 5, kind: 'file' },
        ],
      }),
    );
    expect(res.status).toBe(409);
    expect(res.json()).toMatchObject({
      error: {
        code: 'CONFLICT',
        details: [
          { path: 'recipients', message: 'the saved draft also goes to stiekem@example.com' },
          { path: 'attachments', message: 'b.txt (file, 5 bytes) is not in the saved draft' },
        ],
      },
    });
  });

  it('refuses a draft whose label differs from the task pane', async () => {
    const files = [bufferContent('a.txt', 'text/plain', Buffer.from('a'))];
    draft('label-1', files, { headers: { 'X-Zegel-Classification': 'confidential' } });
    const res = await submit(pane('label-1', files));
    expect(res.status).toBe(409);
    expect(res.json<{ error: { details: unknown[] } }>().error.details).toEqual([
      {
        path: 'classification',
        message: 'the saved draft is labelled confidential, the task pane shows registered',
      },
    ]);
  });

  it("answers NOT_FOUND for a draft in someone else's mailbox", async () => {
    lab.graph.addDraft({
      id: 'bobs-1',
      owner: 'bob@example.nl',
      subject: 's',
      html: '',
      to: ['x@example.org'],
      attachments: [],
    });
    const res = await submit({
      itemId: 'bobs-1',
      classification: 'registered',
      recipients: [{ address: 'x@example.org' }],
      attachments: [],
    });
    expect(res.status).toBe(404);
  });
});

describe('limits on what comes through Graph', () => {
  it('refuses an attachment over the limit with 413 and keeps nothing', async () => {
    const small = await startZegel({
      env: lab.env({ ZEGEL_MAX_ATTACHMENT_BYTES: '1000000', ZEGEL_MAX_MESSAGE_BYTES: '5000000' }),
    });
    try {
      const big = generatedContent('groot.bin', 'application/octet-stream', 2_000_000, 'big');
      draft('too-big-1', [bufferContent('klein.txt', 'text/plain', Buffer.from('x')), big]);
      const res = await http(
        `${small.url}/api/v1/m365/intake`,
        jsonRequest(
          pane('too-big-1', [bufferContent('klein.txt', 'text/plain', Buffer.from('x')), big]),
          { headers: { authorization: `Bearer ${userToken}` } },
        ),
      );
      expect(res.status).toBe(413);
      expect(res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      const blobs = readdirSync(join(small.dataDir, 'blobs'), { recursive: true }).filter(
        (n) => String(n).length >= 32,
      );
      expect(blobs).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('refuses a phone number that is not E.164', async () => {
    const res = await submit({
      itemId: 'small-1',
      classification: 'registered',
      recipients: [{ address: 'patient@example.org', phone: '0612345678' }],
      attachments: [],
    });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ path: 'recipients.0.phone' }] },
    });
  });
});

describe('a client secret instead of the certificate', () => {
  it('signs Zegel in with the secret for the On-Behalf-Of exchange', async () => {
    const withSecret = await startZegel({
      env: lab.env({
        ZEGEL_M365_CLIENT_ID: 'zegel-api-secret',
        ZEGEL_M365_CLIENT_CERT_FILE: '',
        ZEGEL_M365_CLIENT_KEY_FILE: '',
        ZEGEL_M365_CLIENT_SECRET: 'secret-zegel-api-secret',
      }),
    });
    try {
      const files = [bufferContent('a.txt', 'text/plain', Buffer.from('a'))];
      draft('secret-1', files);
      const res = await http(
        `${withSecret.url}/api/v1/m365/intake`,
        jsonRequest(pane('secret-1', files), { headers: { authorization: `Bearer ${userToken}` } }),
      );
      expect(res.status).toBe(201);
    } finally {
      await withSecret.close();
    }
  });
});

describe('a Graph token for the wrong audience', () => {
  it('is refused by Graph with 401, and Zegel says its Graph setting is wrong', async () => {
    // The user's token for Zegel's API, sent straight to Graph: not meant for Graph.
    const direct = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest(
        `${lab.graph.url}/me/messages/small-1`,
        { headers: { authorization: `Bearer ${userToken}` }, ca: lab.caPem },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(direct).toBe(401);

    // Zegel configured with Graph under another name asks for a token of that audience.
    const misconfigured = await startZegel({
      env: lab.env({ ZEGEL_GRAPH_URL: lab.graph.url.replace('127.0.0.1', 'localhost') }),
    });
    try {
      const files = [bufferContent('a.txt', 'text/plain', Buffer.from('a'))];
      draft('audience-1', files);
      const res = await http(
        `${misconfigured.url}/api/v1/m365/intake`,
        jsonRequest(pane('audience-1', files), {
          headers: { authorization: `Bearer ${userToken}` },
        }),
      );
      expect(res.status).toBe(503);
      expect(res.json()).toMatchObject({
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: expect.stringMatching(
            /refused Zegel's token \(401 InvalidAuthenticationToken\)/,
          ),
        },
      });
    } finally {
      await misconfigured.close();
    }
  });
});

describe('the events API for a SIEM with an app-only token', () => {
  const get = (path: string, token: string) =>
    http(`${zegel.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('admits client credentials with the Zegel.Soc role and no scp to the events', async () => {
    const token = await lab.provider.token('siem');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({ roles: ['Zegel.Soc'], azp: 'siem' });
    expect(claims).not.toHaveProperty('scp');
    expect(claims).not.toHaveProperty('scope');
    const res = await get('/api/v1/events?limit=5', token);
    expect(res.status).toBe(200);
    expect(res.json<{ events: unknown[] }>().events.length).toBeGreaterThan(0);
  });

  it('keeps the app out of everything a user does', async () => {
    const token = await lab.provider.token('siem');
    for (const path of ['/api/v1/me', '/api/v1/messages', '/api/v1/m365/intake']) {
      const res = await get(path, token);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const post = await http(
      `${zegel.url}/api/v1/messages`,
      jsonRequest({}, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(post.status).toBe(403);
  });

  it('refuses an app-only token without the role', async () => {
    const res = await get('/api/v1/events', await lab.provider.token('siem-no-role'));
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/Zegel\.Soc/) },
    });
  });
});
