import { RECIPIENT_PHONE_HEADER } from '@zegel/shared';
import { SmtpConnector } from '../../server/src/connector/smtp-connector.service';
import { JobQueue } from '../../server/src/queue/job-queue';
import { http, jsonRequest } from '../support/http';
import { startZegel, type RunningZegel } from '../support/server';
import { codesInMail, ZegelClient } from '../support/zegel-client';

jest.setTimeout(60_000);

/**
 * The CE-ID reaches somebody on every path: mail relayed by Exchange to the connector (the sender
 * gets the codes by mail, or the recipient by SMS when a number is known), the recipient register,
 * a new code from the sender, an admin unlocking a locked copy, and "I lost my code".
 */
describe('the CE-ID on every path', () => {
  let zegel: RunningZegel;
  let z: ZegelClient;
  let smtpPort: number;
  const drain = () => zegel.app.get(JobQueue).drain();

  beforeAll(async () => {
    zegel = await startZegel({
      env: { ZEGEL_PICKUP_MESSAGE_FAILURES: '3', ZEGEL_PICKUP_IP_FAILURES: '50' },
    });
    z = new ZegelClient(zegel.url, zegel.keyDir);
    smtpPort = zegel.app.get(SmtpConnector).port;
  });
  afterAll(() => zegel?.close());

  it('mails the sender the codes of connector mail, and the recipient opens it with that code', async () => {
    const reply = await z.sendSmtp(smtpPort, {
      from: 'arts@zorg.example',
      to: ['patient1@example.nl', 'patient2@example.nl'],
      subject: 'Uw uitslag',
      headers: { 'X-Zegel-Classification': 'registered' },
      text: 'Beste patiënt, uw uitslag is binnen.',
    });
    expect(reply.code).toBe(250);
    await drain();
    const codesMail = (await z.outbox()).find(
      (m) => m.to.includes('arts@zorg.example') && m.subject.includes('patient1@example.nl'),
    );
    expect(codesMail).toBeDefined();
    const codes = codesInMail((await z.mail(codesMail!.id)).text);
    expect([...codes.keys()].sort()).toEqual(['patient1@example.nl', 'patient2@example.nl']);
    // The codes mail carries no link, and the notification no code.
    expect((await z.mail(codesMail!.id)).text).not.toMatch(/\/p\//);
    const token = await z.pickupToken('patient1@example.nl');
    const notification = (await z.outbox()).find(
      (m) => m.kind === 'notification' && m.to.includes('patient1@example.nl'),
    )!;
    expect((await z.mail(notification.id)).text).not.toContain(codes.get('patient1@example.nl'));
    const opened = await z.unlock(token, codes.get('patient1@example.nl')!);
    expect(opened.status).toBe(200);
    expect(opened.json<{ text: string }>().text).toContain('uw uitslag is binnen');
  });

  it('texts the code to a number an Exchange rule put in a header, and mails the sender none', async () => {
    const reply = await z.sendSmtp(smtpPort, {
      from: 'arts@zorg.example',
      to: ['sms-patient@example.nl'],
      headers: {
        'X-Zegel-Classification': 'registered',
        [RECIPIENT_PHONE_HEADER]: 'sms-patient@example.nl +31612345678',
      },
    });
    expect(reply.code).toBe(250);
    await drain();
    const text = (await z.sms()).find((s) => s.to === '+31612345678');
    expect(text).toBeDefined();
    const code = /([A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3})/.exec(text!.text)![1];
    const about = (await z.outbox()).filter((m) => m.subject.includes('sms-patient@example.nl'));
    expect(about).toEqual([]);
    expect((await z.unlock(await z.pickupToken('sms-patient@example.nl'), code)).status).toBe(200);
  });

  it('takes phone numbers from the recipient register', async () => {
    const put = await http(`${zegel.url}/api/v1/admin/recipient-phones/Register@Example.nl`, {
      ...jsonRequest({ phone: '+31687654321' }),
      method: 'PUT',
    });
    expect(put.status).toBe(204);
    const bad = await http(`${zegel.url}/api/v1/admin/recipient-phones/not-an-address`, {
      ...jsonRequest({ phone: '0612' }),
      method: 'PUT',
    });
    expect(bad.status).toBe(400);
    expect(
      bad.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path),
    ).toEqual(['address', 'phone']);
    const sent = await z.submit({ recipients: [{ address: 'register@example.nl' }] });
    expect(sent.recipients[0]).toMatchObject({ ceIdChannel: 'sms' });
    expect(sent.recipients[0].ceId).toBeUndefined();
    await drain();
    expect((await z.sms()).some((s) => s.to === '+31687654321')).toBe(true);
    const listed = await http(`${zegel.url}/api/v1/admin/recipient-phones`);
    expect(listed.json<{ address: string }[]>().map((e) => e.address)).toContain(
      'register@example.nl',
    );
    // Every change of the register is evidence, with its before and after.
    const gone = await http(`${zegel.url}/api/v1/admin/recipient-phones/register@example.nl`, {
      method: 'DELETE',
    });
    expect(gone.status).toBe(204);
    const events = (await http(`${zegel.url}/api/v1/events?limit=1000`)).json<{
      events: { type: string; messageId: string | null; actor: string; details?: unknown }[];
    }>().events;
    const changes = events.filter((e) => e.type === 'ConfigurationChange');
    expect(changes.map((e) => e.details)).toEqual([
      {
        action: 'recipient-phone.set',
        target: 'recipient-phone/register@example.nl',
        before: null,
        after: { phone: '+31687654321' },
      },
      {
        action: 'recipient-phone.remove',
        target: 'recipient-phone/register@example.nl',
        before: { phone: '+31687654321' },
        after: null,
      },
    ]);
    expect(
      changes.every((e) => e.messageId === null && e.actor === 'admin:developer@zegel.test'),
    ).toBe(true);
  });

  it('voids the old code when the sender issues a new one, with evidence', async () => {
    const sent = await z.submit({ recipients: [{ address: 'newcode@example.nl' }] });
    await drain();
    const token = await z.pickupToken('newcode@example.nl');
    const fresh = await http(
      `${zegel.url}/api/v1/messages/${sent.id}/recipients/newcode@example.nl/new-code`,
      jsonRequest({}),
    );
    expect(fresh.status).toBe(200);
    const { ceId } = fresh.json<{ ceId: string }>();
    expect(ceId).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    expect(ceId).not.toBe(sent.recipients[0].ceId);
    expect((await z.unlock(token, sent.recipients[0].ceId!, '127.0.2.1')).status).toBe(401);
    expect((await z.unlock(token, ceId, '127.0.2.2')).status).toBe(200);
    expect((await z.status(sent.id)).events.map((e) => e.type)).toContain('CeIdReissue');
    const unknown = await http(
      `${zegel.url}/api/v1/messages/${sent.id}/recipients/nobody@example.nl/new-code`,
      jsonRequest({}),
    );
    expect(unknown.status).toBe(404);
  });

  it('lets an admin unlock a locked copy, with a reason, after which the code works again', async () => {
    const sent = await z.submit({ recipients: [{ address: 'locked@example.nl' }] });
    await drain();
    const token = await z.pickupToken('locked@example.nl');
    for (const address of ['127.0.3.1', '127.0.3.2', '127.0.3.3'])
      expect((await z.unlock(token, 'ZZZ-ZZZ-ZZZ', address)).status).toBe(401);
    expect((await z.status(sent.id)).recipients[0].state).toBe('locked');
    expect((await z.unlock(token, sent.recipients[0].ceId!, '127.0.3.4')).status).toBe(401);
    const unlockUrl = `${zegel.url}/api/v1/admin/messages/${sent.id}/recipients/locked@example.nl/unlock`;
    expect((await http(unlockUrl, jsonRequest({}))).status).toBe(400);
    expect(
      (await http(unlockUrl, jsonRequest({ reason: 'recipient called the helpdesk' }))).status,
    ).toBe(204);
    expect((await http(unlockUrl, jsonRequest({ reason: 'again' }))).status).toBe(409);
    const status = await z.status(sent.id);
    expect(status.recipients[0].state).toBe('notified');
    const unlockEvent = status.events.find((e) => e.type === 'CopyUnlock');
    expect(unlockEvent).toMatchObject({
      actor: 'admin:developer@zegel.test',
      reason: 'recipient called the helpdesk',
    });
    expect((await z.unlock(token, sent.recipients[0].ceId!, '127.0.3.5')).status).toBe(200);
  });

  it('tells the sender once when the recipient lost the code, and the same for unknown links', async () => {
    const sent = await z.submit({ recipients: [{ address: 'lost@example.nl' }] });
    await drain();
    const token = await z.pickupToken('lost@example.nl');
    const lost = () => http(`${zegel.url}/api/v1/pickup/${token}/lost-code`, { method: 'POST' });
    expect((await lost()).status).toBe(202);
    expect((await lost()).status).toBe(202);
    const unknown = await http(`${zegel.url}/api/v1/pickup/AAAAAAAAAAAAAAAAAAAAAA/lost-code`, {
      method: 'POST',
    });
    expect(unknown.status).toBe(202);
    await drain();
    const notices = (await z.outbox()).filter((m) =>
      m.subject.includes('Code lost: lost@example.nl'),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0].to).toEqual(['developer@zegel.test']);
    expect((await z.mail(notices[0].id)).text).toContain(`/api/v1/messages/${sent.id}/recipients/`);
    expect(
      (await z.status(sent.id)).events.filter((e) => e.reason?.includes('CE-ID lost')),
    ).toHaveLength(1);
  });
});
