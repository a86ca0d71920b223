import { BUILT_IN_CLASSIFICATIONS, type ClassificationInfo } from '@zegel/shared';
import { officeComposeMail } from '../office/office-mailbox.adapter';
import { installOffice, outlookMock, type DraftSeed } from '../office/outlook-mock';
import { classificationFromPurview } from './purview-label';

const GUID = 'f42aa342-8706-4288-bd11-ebb85995028c';
const LABELS: ClassificationInfo[] = [
  ...BUILT_IN_CLASSIFICATIONS,
  {
    id: 'lab-results',
    label: { en: 'Lab results', nl: 'Labuitslagen' },
    protected: true,
    purviewLabelId: GUID,
    routeAs: 'registered',
  },
];

describe('Purview sensitivity label to classification', () => {
  let uninstall: () => void = () => undefined;
  afterEach(() => uninstall());
  const fromDraft = (seed: DraftSeed) => {
    uninstall = installOffice(outlookMock(seed).mock);
    return classificationFromPurview(officeComposeMail(), LABELS);
  };

  it('maps the label id an admin gave a classification, in any case', async () => {
    expect((await fromDraft({ sensitivityLabel: GUID.toUpperCase() }))?.id).toBe('lab-results');
  });

  it('nothing for a label nobody mapped, or no label', async () => {
    expect(await fromDraft({ sensitivityLabel: '00000000-0000-0000-0000-000000000000' })).toBe(
      undefined,
    );
    expect(await fromDraft({})).toBeUndefined();
  });

  it('nothing where the client lacks Mailbox 1.13, or the call fails', async () => {
    expect(await fromDraft({ sensitivityLabel: GUID, mailbox: '1.12' })).toBeUndefined();
    expect(
      await fromDraft({ sensitivityLabel: GUID, failing: 'sensitivityLabel' }),
    ).toBeUndefined();
  });
});
