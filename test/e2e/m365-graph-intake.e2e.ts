import { createHash } from 'node:crypto';
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
    expect(body.recipients.map((r) => [r.address, r.ceIdChannel])).toEqual([
      ['patient@example.org', 'sms'],
      ['huisarts@example.org', 'sender'],
    ]);
  });
});
