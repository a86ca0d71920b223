import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MessageStatusResponse } from '@zegel/shared';
import { ensureAddinBuild } from '../support/browser-build';
import { launchChromium } from '../support/browser-chromium';
import { draftState, installFakeOffice, type FakeDraft } from '../support/browser-office-fake';
import { pageProblems, screenshot } from '../support/browser-page';
import { http } from '../support/http';
import { generatedContent } from '../support/m365-graph';
import { startM365Lab, type M365Lab } from '../support/m365-lab';
import { startZegel, type RunningZegel } from '../support/server';

// The task pane in Chromium with a large draft and a OneDrive link: it hands Zegel only the saved
// draft's id (and what it shows); Zegel fetches the draft and the file through Graph On-Behalf-Of
// the signed-in user. No attachment is read by Office.js or uploaded.
jest.setTimeout(240_000);

let lab: M365Lab | undefined;
let zegel: RunningZegel | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

const scan = generatedContent('scan.pdf', 'application/pdf', 30 * 1024 * 1024, 'browser-scan');
const plan = generatedContent('plan.docx', 'application/octet-stream', 300_000, 'browser-plan');
const PLAN_URL = 'https://contoso-my.sharepoint.com/:w:/g/personal/anne/plan';

beforeAll(async () => {
  await ensureAddinBuild();
  lab = await startM365Lab();
  zegel = await startZegel({ env: lab.env({ ZEGEL_GRAPH_INTAKE_MIN_BYTES: '10000000' }) });
  browser = await launchChromium();
  lab.graph.addDraft({
    id: 'AAMkAD-fake-draft',
    owner: 'anne@example.nl',
    subject: 'Scan',
    html: '<p>Zie de scan en het plan.</p>',
    headers: { 'X-Zegel-Classification': 'registered' },
    to: ['patient@example.org'],
    attachments: [scan],
    cloud: [{ name: 'plan.docx', url: PLAN_URL }],
  });
  lab.graph.addDriveFile({ ...plan, url: PLAN_URL, readers: ['anne@example.nl'] });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await zegel?.close();
  await lab?.close();
});

async function openPane(seed: FakeDraft): Promise<[Page, string[]]> {
  const context = await browser!.newContext({ baseURL: zegel!.url, locale: 'en-GB' });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  const page = await context.newPage();
  const problems = pageProblems(page);
  await installFakeOffice(page, seed);
  await page.goto('/taskpane.html');
  return [page, problems];
}

const sha256 = async (content: typeof scan) => {
  const hash = createHash('sha256');
  for await (const chunk of content.open()) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

describe('task pane with Microsoft Graph', () => {
  it('hands a large draft with a OneDrive link over by id; Zegel seals both', async () => {
    const token = await lab!.provider.token('sender');
    const [page, problems] = await openPane({
      subject: 'Scan',
      to: ['patient@example.org'],
      html: '<p>Zie de scan en het plan.</p>',
      headers: { 'X-Zegel-Classification': 'registered' },
      userEmail: 'anne@example.nl',
      ssoToken: token,
      attachments: [
        { id: 'a1', name: 'scan.pdf', type: 'file', base64: '', size: scan.size },
        { id: 'a2', name: 'plan.docx', type: 'cloud', base64: '', size: 0, url: PLAN_URL },
      ],
    });
    await page.getByText('Signed in as Anne de Vries').waitFor();
    await page.getByText('Pickup on the Zegel page with a CE-ID').waitFor();
    await page.getByRole('button', { name: 'Send registered' }).click();
    const result = page.locator('section[data-message-id]');
    await result.getByText('Sent registered').waitFor();
    await screenshot(page, 'taskpane-sent-graph');
    const id = (await result.getAttribute('data-message-id'))!;

    const state = await draftState(page);
    expect(state.contentReads).toBe(0);
    expect(state.properties?.zegelSentMessageId).toBe(id);
    const status = await http(`${zegel!.url}/api/v1/messages/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const stored = status.json<MessageStatusResponse>();
    expect(stored.attachments.map((a) => [a.size, a.sha256])).toEqual([
      [scan.size, await sha256(scan)],
      [plan.size, await sha256(plan)],
    ]);
    expect(problems).toEqual([]);
  });
});
