import { officeComposeMail } from './office-mailbox.adapter';
import { OfficeError } from './office-call';
import { installOffice, outlookMock } from './outlook-mock';

/** jsdom's Blob has no text(); FileReader has. */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('officeComposeMail (office-addin-mock)', () => {
  let uninstall: () => void = () => undefined;
  afterEach(() => uninstall());

  it('reads subject, recipients, HTML body and attachments of the draft', async () => {
    const { mock } = outlookMock({
      subject: 'Uitslag',
      to: ['a@zorg.nl'],
      cc: ['b@zorg.nl'],
      bcc: ['c@zorg.nl'],
      html: '<p>Hallo</p>',
      attachments: [
        { id: 'att1', name: 'scan.pdf', type: 'file', base64: btoa('%PDF-1.7 hello') },
        { id: 'att2', name: 'Forwarded', type: 'item', base64: btoa('Subject: x\r\n\r\nbody') },
      ],
    });
    uninstall = installOffice(mock);
    const mail = officeComposeMail();
    await expect(mail.subject()).resolves.toBe('Uitslag');
    await expect(mail.recipients()).resolves.toEqual({
      to: ['a@zorg.nl'],
      cc: ['b@zorg.nl'],
      bcc: ['c@zorg.nl'],
    });
    await expect(mail.bodyHtml()).resolves.toBe('<p>Hallo</p>');
    const attachments = await mail.attachments();
    expect(attachments.map((a) => [a.name, a.kind])).toEqual([
      ['scan.pdf', 'file'],
      ['Forwarded', 'item'],
    ]);
    const pdf = await mail.attachmentContent(attachments[0]);
    await expect(blobText(pdf)).resolves.toBe('%PDF-1.7 hello');
    const eml = await mail.attachmentContent(attachments[1]);
    expect(eml.type).toBe('message/rfc822');
  });

  it('rejects with the Office error instead of throwing inside the callback', async () => {
    const { mock } = outlookMock({ failing: 'setHeaders' });
    uninstall = installOffice(mock);
    const failure = officeComposeMail().setHeaders({ 'X-Zegel-Classification': 'registered' });
    await expect(failure).rejects.toBeInstanceOf(OfficeError);
    await expect(failure).rejects.toThrow('setHeaders failed');
  });

  it('rejects a cloud attachment with a clear error', async () => {
    const { mock } = outlookMock({
      attachments: [{ id: 'c1', name: 'plan.docx', type: 'cloud', base64: 'aHR0cHM6' }],
    });
    uninstall = installOffice(mock);
    const mail = officeComposeMail();
    const [cloud] = await mail.attachments();
    await expect(mail.attachmentContent(cloud)).rejects.toThrow(/link, not a file/);
  });

  it('stores custom properties with the item', async () => {
    const { mock, state } = outlookMock();
    uninstall = installOffice(mock);
    const mail = officeComposeMail();
    await mail.setProperty('zegelClassification', 'confidential');
    expect(state.savedProperties).toEqual({ zegelClassification: 'confidential' });
    await expect(mail.getProperty('zegelClassification')).resolves.toBe('confidential');
    await mail.setProperty('zegelClassification', undefined);
    expect(state.savedProperties).toEqual({});
  });

  it('rejects when no draft is open', async () => {
    const { mock } = outlookMock();
    (mock as unknown as { context: { mailbox: { item: unknown } } }).context.mailbox.item = null;
    uninstall = installOffice(mock);
    await expect(officeComposeMail().subject()).rejects.toThrow(/No mail is open/);
  });
});
