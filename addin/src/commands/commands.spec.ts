import type { SendCheckRefusalReport } from '@zegel/shared';
import { parseAddinConfig } from '../common/addin-config';
import { officeComposeMail } from '../office/office-mailbox.adapter';
import { installOffice, outlookMock, type DraftSeed } from '../office/outlook-mock';
import { evaluateSend, TASKPANE_COMMAND_ID } from './commands';
import { reportRefusal, type RefusalReporter } from './refusal-report';
import { MAX_DIALOG_CHARS } from './send-check.messages';

async function run(
  seed: DraftSeed,
  config: Record<string, unknown> = {},
  report: RefusalReporter = () => Promise.resolve(),
  policyDomains: () => Promise<string[]> = () => Promise.resolve([]),
) {
  const { mock } = outlookMock(seed);
  const uninstall = installOffice(mock);
  try {
    return await evaluateSend(
      officeComposeMail(),
      seed.displayLanguage ?? 'en-US',
      parseAddinConfig(config),
      report,
      policyDomains,
    );
  } finally {
    uninstall();
  }
}

describe('the OnMessageSend handler (office-addin-mock)', () => {
  it('blocks an unlabelled external mail and offers the task pane', async () => {
    const completion = await run({ to: ['patient@gmail.com'] });
    expect(completion.allowEvent).toBe(false);
    expect(completion.errorMessage).toMatch(/patient@gmail.com/);
    expect(completion.commandId).toBe(TASKPANE_COMMAND_ID);
    expect(completion.cancelLabel).toBe('Open Zegel');
    expect(completion.sendModeOverride).toBeUndefined();
  });

  it("counts the organisation policy's internal domains as inside, beside the build's", async () => {
    const policy = () => Promise.resolve(['partner.example']);
    const fromPolicy = await run({ to: ['a@partner.example'] }, {}, undefined, policy);
    expect(fromPolicy).toEqual({ allowEvent: true });
    const fromBuild = await run(
      { to: ['a@partner.example', 'b@lab.example'] },
      { internalDomains: ['lab.example'] },
      undefined,
      policy,
    );
    expect(fromBuild).toEqual({ allowEvent: true });
    const outside = await run({ to: ['a@partner.example.evil'] }, {}, undefined, policy);
    expect(outside.allowEvent).toBe(false);
  });

  it('asks Zegel for the policy only when an unlabelled mail goes outside', async () => {
    const policy = jest.fn(() => Promise.resolve(['partner.example']));
    await run({ to: ['collega@ziekenhuis.nl'] }, {}, undefined, policy);
    await run(
      {
        to: ['patient@gmail.com'],
        headers: { 'X-Zegel-Classification': 'confidential' },
        properties: { zegelClassification: 'confidential' },
      },
      {},
      undefined,
      policy,
    );
    expect(policy).not.toHaveBeenCalled();
    await run({ to: ['patient@gmail.com'] }, {}, undefined, policy);
    expect(policy).toHaveBeenCalledTimes(1);
  });

  it('reports a blocked send to Zegel, and a warning or an allowed send not', async () => {
    const reports: SendCheckRefusalReport[] = [];
    const report = (r: SendCheckRefusalReport) => {
      reports.push(r);
      return Promise.resolve();
    };
    await run({ to: ['patient@gmail.com', 'p2@gmail.com'] }, {}, report);
    expect(reports).toEqual([{ reason: 'UNLABELLED_EXTERNAL', externalRecipients: 2 }]);
    await run({ to: ['p@gmail.com'] }, { unlabelledExternal: 'warn' }, report);
    await run({ to: ['collega@ziekenhuis.nl'] }, {}, report);
    expect(reports).toHaveLength(1);
  });

  it('does not hold the send dialog for a report that does not answer or fails', async () => {
    const started = Date.now();
    await reportRefusal(
      { reason: 'ALREADY_SENT', externalRecipients: 0 },
      { token: () => new Promise(() => undefined), timeoutMs: 50 },
    );
    await reportRefusal(
      { reason: 'ALREADY_SENT', externalRecipients: 0 },
      { token: () => Promise.reject(new Error('no SSO')), timeoutMs: 5000 },
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('speaks Dutch in a Dutch Outlook', async () => {
    const completion = await run({ to: ['patient@gmail.com'], displayLanguage: 'nl-NL' });
    expect(completion.errorMessage).toMatch(/buiten de organisatie/);
    expect(completion.cancelLabel).toBe('Zegel openen');
  });

  it('lets the user send anyway under the warn policy', async () => {
    const completion = await run({ to: ['p@gmail.com'] }, { unlabelledExternal: 'warn' });
    expect(completion).toMatchObject({ allowEvent: false, sendModeOverride: 'promptUser' });
  });

  it('leaves out the 1.14 options on a 1.12 client', async () => {
    const completion = await run({ to: ['p@gmail.com'], mailbox: '1.12' });
    expect(completion.allowEvent).toBe(false);
    expect(completion).not.toHaveProperty('commandId');
    expect(completion).not.toHaveProperty('cancelLabel');
  });

  it('allows a labelled mail whose header persisted', async () => {
    const completion = await run({
      to: ['p@gmail.com'],
      headers: { 'X-Zegel-Classification': 'confidential' },
      properties: { zegelClassification: 'confidential' },
    });
    expect(completion).toEqual({ allowEvent: true });
  });

  it('blocks when the label was chosen but the header is gone', async () => {
    const completion = await run({
      to: ['p@gmail.com'],
      properties: { zegelClassification: 'registered' },
    });
    expect(completion.allowEvent).toBe(false);
    expect(completion.errorMessage).toMatch(/not saved with this mail/);
  });

  it('blocks a draft that Zegel already sent', async () => {
    const completion = await run({
      to: ['c@ziekenhuis.nl'],
      headers: { 'X-Zegel-Sent': 'msg-1' },
    });
    expect(completion.allowEvent).toBe(false);
    expect(completion.errorMessage).toMatch(/already sent registered/);
  });

  it('asks rather than decides when reading the draft fails', async () => {
    const completion = await run({ to: ['p@gmail.com'], failing: 'recipients' });
    expect(completion).toMatchObject({ allowEvent: false, sendModeOverride: 'promptUser' });
    expect(completion.errorMessage).toMatch(/could not check.*recipients failed/);
  });

  it('keeps the dialog within 500 characters with many recipients', async () => {
    const to = Array.from({ length: 40 }, (_, i) => `someone.with.a.long.name.${i}@example.org`);
    const completion = await run({ to });
    expect(completion.errorMessage!.length).toBeLessThanOrEqual(MAX_DIALOG_CHARS);
    expect(completion.errorMessage).toContain(', …');
  });
});
