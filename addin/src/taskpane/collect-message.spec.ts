import { officeComposeMail } from '../office/office-mailbox.adapter';
import { installOffice, outlookMock } from '../office/outlook-mock';
import {
  CollectError,
  collectMessage,
  recipientInputs,
  toFormData,
  uniqueRecipients,
} from './collect-message';

describe('collectMessage (office-addin-mock)', () => {
  let uninstall: () => void = () => undefined;
  afterEach(() => uninstall());

  it('collects subject, unique recipients, HTML and attachments in order, reporting progress', async () => {
    const { mock } = outlookMock({
      subject: 'Uitslag',
      to: ['a@zorg.nl', 'B@zorg.nl'],
      cc: ['b@zorg.nl'],
      bcc: ['c@zorg.nl'],
      html: '<p>Zie bijlage</p>',
      attachments: [
        { id: '1', name: 'a.pdf', type: 'file', base64: btoa('A') },
        { id: '2', name: 'Doorgestuurd', type: 'item', base64: btoa('Subject: x\r\n\r\ny') },
      ],
    });
    uninstall = installOffice(mock);
    const seen: string[] = [];
    const message = await collectMessage(officeComposeMail(), 'registered', (a, i, n) =>
      seen.push(`${a.name} ${i + 1}/${n}`),
    );
    expect(message.request).toEqual({
      classification: 'registered',
      subject: 'Uitslag',
      recipients: [{ address: 'a@zorg.nl' }, { address: 'B@zorg.nl' }, { address: 'c@zorg.nl' }],
      html: '<p>Zie bijlage</p>',
    });
    expect(message.files.map((f) => f.name)).toEqual(['a.pdf', 'Doorgestuurd.eml']);
    expect(seen).toEqual(['a.pdf 1/2', 'Doorgestuurd 2/2']);
  });

  it('names the inline images the body shows by their Content-ID, as uploaded files', async () => {
    const { mock } = outlookMock({
      to: ['a@zorg.nl'],
      html: '<p>Zie de grafiek:</p><img src="cid:chart@zorg.nl">',
      attachments: [
        { id: '1', name: 'a.pdf', type: 'file', base64: btoa('A') },
        {
          id: '2',
          name: 'chart.png',
          type: 'file',
          base64: btoa('P'),
          inline: true,
          contentId: 'chart@zorg.nl',
        },
      ],
    });
    uninstall = installOffice(mock);
    const message = await collectMessage(officeComposeMail(), 'registered');
    expect(message.request.inlineImages).toEqual([{ attachment: 1, contentId: 'chart@zorg.nl' }]);
    expect(message.files.map((f) => f.name)).toEqual(['a.pdf', 'chart.png']);
    // Office gives a draft's attachments no type: an inline picture's comes from its name.
    expect(message.files.map((f) => f.blob.type)).toEqual([
      'application/octet-stream',
      'image/png',
    ]);
    const form = toFormData(message);
    expect(JSON.parse(String(form.get('message'))).inlineImages).toEqual([
      { attachment: 1, contentId: 'chart@zorg.nl' },
    ]);
  });

  it('refuses a cloud attachment before reading anything', async () => {
    const { mock } = outlookMock({
      to: ['a@zorg.nl'],
      attachments: [{ id: '1', name: 'plan.docx', type: 'cloud', base64: 'eA==' }],
    });
    uninstall = installOffice(mock);
    const failure = collectMessage(officeComposeMail(), 'registered');
    await expect(failure).rejects.toBeInstanceOf(CollectError);
    await expect(failure).rejects.toMatchObject({ attachmentName: 'plan.docx' });
  });

  it('refuses on a client below Mailbox 1.8, which cannot read attachments', async () => {
    const { mock } = outlookMock({
      to: ['a@zorg.nl'],
      mailbox: '1.5',
      attachments: [{ id: '1', name: 'a.pdf', type: 'file', base64: 'QQ==' }],
    });
    uninstall = installOffice(mock);
    await expect(collectMessage(officeComposeMail(), 'registered')).rejects.toMatchObject({
      reason: 'ATTACHMENTS_UNREADABLE',
    });
  });

  it('drops empty and duplicate addresses', () => {
    expect(
      uniqueRecipients([
        [' a@x.nl ', ''],
        ['A@X.NL', 'b@x.nl'],
      ]),
    ).toEqual(['a@x.nl', 'b@x.nl']);
  });
});

describe('recipientInputs', () => {
  it('adds the mobile number given for an address, once per address', () => {
    expect(
      recipientInputs([['Jan@zorg.nl', 'ict@partner.nl'], ['jan@zorg.nl']], {
        'Jan@zorg.nl': '+31612345678',
      }),
    ).toEqual([{ address: 'Jan@zorg.nl', phone: '+31612345678' }, { address: 'ict@partner.nl' }]);
  });
});
