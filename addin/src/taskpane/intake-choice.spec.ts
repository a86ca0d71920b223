import { officeComposeMail } from '../office/office-mailbox.adapter';
import { installOffice, outlookMock } from '../office/outlook-mock';
import { chooseIntake, collectDraft } from './intake-choice';

const MB = 1024 * 1024;
const on = { enabled: true, minBytes: 10 * MB };
const file = (size: number) => ({ kind: 'file' as const, size });
const cloud = { kind: 'cloud' as const, size: 0 };

describe('chooseIntake', () => {
  it.each([
    ['Graph not set up', null, [file(50 * MB)], 'office'],
    ['Graph switched off', { enabled: false, minBytes: 0 }, [cloud], 'office'],
    ['a small mail', on, [file(2 * MB), file(3 * MB)], 'office'],
    ['no attachments', on, [], 'office'],
    ['attachments reaching the threshold together', on, [file(5 * MB), file(5 * MB)], 'graph'],
    ['one large attachment', on, [file(60 * MB)], 'graph'],
    ['a cloud attachment in a small mail', on, [file(1000), cloud], 'graph'],
    ['every mail when the threshold is 0', { enabled: true, minBytes: 0 }, [], 'graph'],
  ] as const)('%s → %s', (_label, graph, attachments, route) => {
    expect(chooseIntake(graph, attachments)).toBe(route);
  });
});

describe('collectDraft', () => {
  let uninstall: () => void = () => undefined;
  afterEach(() => uninstall());

  it('saves the draft and describes it by REST id, recipients once each, and attachments with links', async () => {
    const { mock, state } = outlookMock({
      to: ['p@example.org', 'P@example.org'],
      bcc: ['q@example.org'],
      attachments: [
        { id: 'a1', name: 'scan.pdf', type: 'file', base64: '', size: 60 * MB },
        {
          id: 'a2',
          name: 'plan.docx',
          type: 'cloud',
          base64: '',
          url: 'https://x.sharepoint.com/p',
        },
      ],
    });
    uninstall = installOffice(mock);
    const mail = officeComposeMail();
    const request = await collectDraft(mail, 'registered', await mail.attachments());
    expect(state.saves).toBe(1);
    expect(state.contentReads).toBe(0);
    expect(request).toEqual({
      itemId: 'v2.0:AAMkAD-draft-id',
      classification: 'registered',
      recipients: [{ address: 'p@example.org' }, { address: 'q@example.org' }],
      attachments: [
        { name: 'scan.pdf', size: 60 * MB, kind: 'file' },
        { name: 'plan.docx', size: 0, kind: 'cloud', url: 'https://x.sharepoint.com/p' },
      ],
    });
  });
});
