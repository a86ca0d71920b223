import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import {
  BUILT_IN_CLASSIFICATIONS,
  type ClassificationInfo,
  type GraphIntakeRequest,
  type GraphIntakeSettings,
  type PreflightRequest,
  type SubmitMessageResponse,
} from '@zegel/shared';
import { act } from 'react';
import { reactTestRoot } from '../common/react-test-root';
import { officeComposeMail } from '../office/office-mailbox.adapter';
import { installOffice, outlookMock, type DraftSeed } from '../office/outlook-mock';
import { ComposePanel } from './compose-panel';
import { taskpaneTexts } from './messages';
import type { TaskpaneApi } from './taskpane-api';

const RESULT: SubmitMessageResponse = {
  id: 'msg-1',
  createdAt: '2026-11-23T20:00:00Z',
  expiresAt: '2026-12-07T20:00:00Z',
  body: {},
  attachments: [],
  recipients: [
    {
      address: 'p@gmail.com',
      state: 'pending',
      route: 'pickup',
      ceIdChannel: 'sender',
      ceId: 'ABC-DEF-234',
    },
  ],
};

function fakeApi() {
  const calls = {
    preflight: [] as PreflightRequest[],
    submit: 0,
    drafts: [] as GraphIntakeRequest[],
  };
  let release: (value: SubmitMessageResponse) => void = () => undefined;
  const api = {
    preflight: (request: PreflightRequest) => {
      calls.preflight.push(request);
      return Promise.resolve({
        classification: request.classification,
        pending: false,
        recipients: request.recipients.map((address) => ({
          address,
          route: 'pickup' as const,
          verdict: 'not-needed' as const,
          reasons: [{ code: 'REGISTERED_ALWAYS_PICKUP' as const, message: 'Always pickup.' }],
        })),
      });
    },
    submit: (_form: FormData, onProgress: (sent: number, total: number) => void) => {
      calls.submit++;
      onProgress(50, 100);
      return new Promise<SubmitMessageResponse>((resolve) => (release = resolve));
    },
    submitDraft: (request: GraphIntakeRequest) => {
      calls.drafts.push(request);
      return new Promise<SubmitMessageResponse>((resolve) => (release = resolve));
    },
  };
  return { api: api as unknown as TaskpaneApi, calls, finish: () => release(RESULT) };
}

const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

/** Lets timers and promises run until `condition` holds (at most 3 s). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 60 && !condition(); i++) await flush();
  expect(condition()).toBe(true);
}

// Fluent's progress bar observes its size; jsdom has no ResizeObserver.
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

describe('ComposePanel', () => {
  const dom = reactTestRoot();
  let uninstall: () => void = () => undefined;
  afterEach(() => uninstall());

  async function render(
    seed: DraftSeed,
    api: TaskpaneApi,
    graph: GraphIntakeSettings | null = null,
    labels: readonly ClassificationInfo[] = BUILT_IN_CLASSIFICATIONS,
  ) {
    const { mock, state } = outlookMock(seed);
    uninstall = installOffice(mock);
    const mail = officeComposeMail();
    act(() =>
      dom.root.render(
        <FluentProvider theme={webLightTheme}>
          <ComposePanel
            mail={mail}
            api={api}
            labels={labels}
            graph={graph}
            language="en"
            texts={taskpaneTexts('en')}
          />
        </FluentProvider>,
      ),
    );
    await flush();
    return state;
  }

  const button = (name: string) =>
    [...dom.container.querySelectorAll('button')].find((b) => b.textContent === name);

  it("preselects the classification an admin mapped to the draft's Purview label", async () => {
    const { api, calls } = fakeApi();
    const lab: ClassificationInfo = {
      id: 'lab-results',
      label: { en: 'Lab results', nl: 'Labuitslagen' },
      protected: true,
      purviewLabelId: 'f42aa342-8706-4288-bd11-ebb85995028c',
      routeAs: 'registered',
    };
    await render(
      { to: ['p@gmail.com'], sensitivityLabel: 'F42AA342-8706-4288-BD11-EBB85995028C' },
      api,
      null,
      [...BUILT_IN_CLASSIFICATIONS, lab],
    );
    await until(
      () => dom.container.querySelector<HTMLInputElement>('input[value="lab-results"]')!.checked,
    );
    await until(() => calls.preflight.some((c) => c.classification === 'lab-results'));
  });

  it('reads the label back and previews each recipient with the reason', async () => {
    const { api, calls } = fakeApi();
    await render({ to: ['p@gmail.com'], headers: { 'X-Zegel-Classification': 'registered' } }, api);
    await until(() => dom.container.textContent!.includes('Why:'));
    const checked = dom.container.querySelector<HTMLInputElement>('input[type=radio]:checked');
    expect(checked?.value).toBe('registered');
    expect(calls.preflight).toEqual([
      { classification: 'registered', recipients: ['p@gmail.com'] },
    ]);
    expect(dom.container.textContent).toContain('Pickup on the Zegel page with a CE-ID');
    expect(dom.container.textContent).toContain('Why: Always pickup.');
  });

  it('keeps Send registered off for a label Zegel does not handle', async () => {
    const { api } = fakeApi();
    await render({ to: ['p@gmail.com'], headers: { 'X-Zegel-Classification': 'public' } }, api);
    await until(() => dom.container.textContent!.includes('Outlook sends it as usual'));
    expect(button('Send registered')?.getAttribute('aria-disabled')).toBe('true');
    expect(dom.container.textContent).toContain(
      'Send registered is for Confidential and Registered',
    );
  });

  it('sends once however often it is clicked, then marks the draft and shows the CE-ID', async () => {
    const { api, calls, finish } = fakeApi();
    const state = await render(
      { to: ['p@gmail.com'], headers: { 'X-Zegel-Classification': 'registered' } },
      api,
    );
    await until(() => dom.container.textContent!.includes('Why:'));
    await act(async () => {
      button('Send registered')!.click();
      button('Send registered')?.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(dom.container.textContent).toContain('Sending to Zegel… 50%');
    button('Send registered')?.click();
    await act(async () => {
      finish();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(calls.submit).toBe(1);
    expect(state.savedProperties.zegelSentMessageId).toBe('msg-1');
    expect(state.headers['X-Zegel-Sent']).toBe('msg-1');
    expect(dom.container.querySelector('[data-ceid-for="p@gmail.com"]')?.textContent).toBe(
      'ABC-DEF-234',
    );
    expect(button('Send registered')).toBeUndefined();
  });

  it('hands a large draft to Zegel through Graph: saved, described, nothing read or uploaded', async () => {
    const { api, calls, finish } = fakeApi();
    const state = await render(
      {
        to: ['p@gmail.com'],
        headers: { 'X-Zegel-Classification': 'registered' },
        attachments: [{ id: 'a1', name: 'scan.pdf', type: 'file', base64: '', size: 60_000_000 }],
      },
      api,
      { enabled: true, minBytes: 10_000_000 },
    );
    await until(() => dom.container.textContent!.includes('Why:'));
    await act(async () => {
      button('Send registered')!.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(dom.container.textContent).toContain(
      'Zegel is fetching the saved draft from Microsoft 365',
    );
    await act(async () => {
      finish();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(calls.submit).toBe(0);
    expect(calls.drafts).toEqual([
      {
        itemId: 'v2.0:AAMkAD-draft-id',
        classification: 'registered',
        recipients: [{ address: 'p@gmail.com' }],
        attachments: [{ name: 'scan.pdf', size: 60_000_000, kind: 'file' }],
      },
    ]);
    expect(state.contentReads).toBe(0);
    expect(state.savedProperties.zegelSentMessageId).toBe('msg-1');
  });

  it('uploads a small draft the Office.js way even when Graph is set up', async () => {
    const { api, calls, finish } = fakeApi();
    await render(
      {
        to: ['p@gmail.com'],
        headers: { 'X-Zegel-Classification': 'registered' },
        attachments: [{ id: 'a1', name: 'brief.txt', type: 'file', base64: btoa('hallo') }],
      },
      api,
      { enabled: true, minBytes: 10_000_000 },
    );
    await until(() => dom.container.textContent!.includes('Why:'));
    await act(async () => {
      button('Send registered')!.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await act(async () => {
      finish();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(calls.submit).toBe(1);
    expect(calls.drafts).toEqual([]);
  });
});
