import { BUILT_IN_CLASSIFICATIONS } from '@zegel/shared';
import { officeComposeMail } from '../office/office-mailbox.adapter';
import { installOffice, outlookMock } from '../office/outlook-mock';
import { readLabel, writeLabel } from './label-writer';

const confidential = BUILT_IN_CLASSIFICATIONS.find((c) => c.id === 'confidential')!;
const registered = BUILT_IN_CLASSIFICATIONS.find((c) => c.id === 'registered')!;

describe('writeLabel', () => {
  let uninstall: () => void = () => undefined;
  afterEach(() => uninstall());

  it('writes header, property and category, saves, and confirms the header stuck', async () => {
    const { mock, state } = outlookMock({
      masterCategories: ['Zegel: Confidential (NTA 7516)', 'Zegel: Registered'],
      categories: ['Zegel: Registered', 'Project X'],
    });
    uninstall = installOffice(mock);
    const result = await writeLabel(officeComposeMail(), confidential);
    expect(result).toEqual({ persisted: true, categoryAdded: true });
    expect(state.headers['X-Zegel-Classification']).toBe('confidential');
    expect(state.savedProperties.zegelClassification).toBe('confidential');
    expect(state.categories).toEqual(['Project X', 'Zegel: Confidential (NTA 7516)']);
    expect(state.saves).toBe(1);
  });

  it('reports a header the client did not keep', async () => {
    const { mock, state } = outlookMock({ dropHeaders: true });
    uninstall = installOffice(mock);
    const result = await writeLabel(officeComposeMail(), registered);
    expect(result.persisted).toBe(false);
    // The property still records the choice, so the send check can catch the lost header.
    expect(state.savedProperties.zegelClassification).toBe('registered');
  });

  it('keeps the label when the category is not in the master list', async () => {
    const { mock, state } = outlookMock({ masterCategories: [] });
    uninstall = installOffice(mock);
    const result = await writeLabel(officeComposeMail(), registered);
    expect(result).toEqual({ persisted: true, categoryAdded: false });
    expect(state.headers['X-Zegel-Classification']).toBe('registered');
  });

  it('fails when the header cannot be written, before saving anything', async () => {
    const { mock, state } = outlookMock({ failing: 'setHeaders' });
    uninstall = installOffice(mock);
    await expect(writeLabel(officeComposeMail(), registered)).rejects.toThrow('setHeaders failed');
    expect(state.saves).toBe(0);
  });

  it.each([
    [{ headers: { 'x-zegel-classification': 'Registered' } }, 'registered'],
    [{ properties: { zegelClassification: 'confidential' } }, 'confidential'],
    [{}, undefined],
  ])('reads the current label back from %j', async (seed, label) => {
    const { mock } = outlookMock(seed);
    uninstall = installOffice(mock);
    await expect(readLabel(officeComposeMail())).resolves.toBe(label);
  });
});
