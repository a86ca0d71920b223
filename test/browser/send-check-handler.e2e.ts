import type { EventsPage, EvidenceEventView } from '@zegel/shared';
import type { Page } from 'playwright-core';
import { installFakeOffice, type FakeDraft } from '../support/browser-office-fake';
import { pageProblems } from '../support/browser-page';
import { useBrowserSession } from '../support/browser-session';

jest.setTimeout(240_000);

interface Completion {
  allowEvent: boolean;
  errorMessage?: string;
  commandId?: string;
  sendModeOverride?: string;
}

/** Loads commands.html like Outlook's event runtime and fires OnMessageSend once. */
async function fireSend(page: Page, seed: FakeDraft): Promise<Completion> {
  await installFakeOffice(page, seed);
  await page.goto('/commands.html');
  await page.waitForFunction(() =>
    Boolean(
      (window as unknown as { __zegelActions?: Record<string, unknown> }).__zegelActions
        ?.onMessageSendHandler,
    ),
  );
  return page.evaluate(
    () =>
      new Promise<Completion>((resolve) => {
        const actions = (
          window as unknown as {
            __zegelActions: Record<string, (event: { completed(c: Completion): void }) => void>;
          }
        ).__zegelActions;
        actions.onMessageSendHandler({ completed: resolve });
      }),
  );
}

describe('Smart Alerts send check in Chromium (the bundled commands.js)', () => {
  const session = useBrowserSession();

  it('is one classic script without imports', async () => {
    const response = await fetch(`${session.zegel.url}/commands.js`);
    expect(response.status).toBe(200);
    const source = await response.text();
    expect(source).not.toMatch(/^\s*import\s|\bimport\(/m);
    expect(source).toContain('onMessageSendHandler');
    // ES2016 for classic Outlook's JavaScript-only runtime: no async/await, ?? or ?. left.
    expect(source).not.toMatch(/\basync\b|\bawait\b|\?\?|\?\./);
  });

  /** SubmissionRejection events the send check reported, as the events API shows them. */
  async function sendCheckRejections(): Promise<EvidenceEventView[]> {
    const res = await fetch(`${session.zegel.url}/api/v1/events?after=0&limit=1000`);
    const page = (await res.json()) as EventsPage;
    return page.events.filter(
      (e) => e.type === 'SubmissionRejection' && e.details?.entry === 'send-check',
    );
  }

  it('blocks an unlabelled mail to outside the organisation and offers the task pane', async () => {
    const before = (await sendCheckRejections()).length;
    const page = await session.newPage('en-GB');
    const problems = pageProblems(page);
    const completion = await fireSend(page, {
      subject: 'Uitslag',
      to: ['collega@zegel.test', 'patient@recipient.example'],
      html: '<p>x</p>',
    });
    expect(completion.allowEvent).toBe(false);
    expect(completion.errorMessage).toMatch(
      /outside the organisation \(patient@recipient.example\)/,
    );
    expect(completion.commandId).toBe('zegelOpenPaneButton');
    expect(completion.sendModeOverride).toBeUndefined();
    expect(problems).toEqual([]);
    // The refusal reached Zegel before Outlook got the answer: it is evidence now.
    const rejections = await sendCheckRejections();
    expect(rejections).toHaveLength(before + 1);
    expect(rejections.at(-1)).toMatchObject({
      messageId: null,
      reason: expect.stringMatching(/^UNLABELLED_EXTERNAL: .*\(1\)$/),
      details: { entry: 'send-check', code: 'UNLABELLED_EXTERNAL' },
    });
  });

  it('lets an unlabelled internal mail and a labelled external mail go', async () => {
    const before = (await sendCheckRejections()).length;
    const internal = await fireSend(await session.newPage('en-GB'), {
      subject: 'Rooster',
      to: ['collega@zegel.test'],
      html: '<p>x</p>',
    });
    expect(internal).toEqual({ allowEvent: true });
    const labelled = await fireSend(await session.newPage('en-GB'), {
      subject: 'Uitslag',
      to: ['patient@recipient.example'],
      html: '<p>x</p>',
      headers: { 'X-Zegel-Classification': 'confidential' },
      properties: { zegelClassification: 'confidential' },
    });
    expect(labelled).toEqual({ allowEvent: true });
    expect(await sendCheckRejections()).toHaveLength(before);
  });

  it('lets an unlabelled mail to a domain the admin made internal go, without a new build', async () => {
    const policy = async (internalDomains: string[]) => {
      const current = (await (await fetch(`${session.zegel.url}/api/v1/admin/policy`)).json()) as {
        version: number;
      };
      const res = await fetch(`${session.zegel.url}/api/v1/admin/policy`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': `"${current.version}"` },
        body: JSON.stringify({ internalDomains }),
      });
      expect(res.status).toBe(200);
    };
    const draft = { subject: 'Overleg', to: ['arts@partner.example'], html: '<p>x</p>' };
    await policy(['partner.example']);
    try {
      expect(await fireSend(await session.newPage('en-GB'), draft)).toEqual({ allowEvent: true });
    } finally {
      await policy([]);
    }
    const after = await fireSend(await session.newPage('en-GB'), draft);
    expect(after.allowEvent).toBe(false);
    expect(after.errorMessage).toMatch(/arts@partner.example/);
  });

  it('blocks when the label was chosen but the header did not persist', async () => {
    const completion = await fireSend(await session.newPage('nl-NL'), {
      subject: 'Uitslag',
      to: ['patient@recipient.example'],
      html: '<p>x</p>',
      properties: { zegelClassification: 'registered' },
      displayLanguage: 'nl-NL',
    });
    expect(completion.allowEvent).toBe(false);
    expect(completion.errorMessage).toMatch(/niet met deze mail opgeslagen/);
  });
});
