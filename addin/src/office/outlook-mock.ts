/**
 * A draft in Outlook for unit tests: an office-addin-mock OfficeMockObject seeded with a compose
 * item whose async methods answer through their callbacks the way Outlook does.
 */
import { OfficeMockObject } from 'office-addin-mock';

// office-addin-mock needs office-addin-manifest only for the host names; that package pulls in an
// ESM-only dependency Jest cannot load in CommonJS, so the names are given here.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    PowerPoint: 'powerpoint',
    Project: 'project',
    Word: 'word',
  },
}));

export interface DraftSeed {
  subject?: string;
  to?: string[];
  cc?: string[];
  bcc?: string[];
  html?: string;
  headers?: Record<string, string>;
  properties?: Record<string, string>;
  categories?: string[];
  /** Category names that exist in the master list (others fail with InvalidCategory). */
  masterCategories?: string[];
  attachments?: {
    id: string;
    name: string;
    type: 'file' | 'item' | 'cloud';
    base64: string;
    /** Reported size, when not that of the content (a large draft without the bytes). */
    size?: number;
    url?: string;
    /** An image shown in the body; `contentId` as Mailbox 1.16 reports it. */
    inline?: boolean;
    contentId?: string;
  }[];
  /** The Purview sensitivity label's GUID on the draft (Mailbox 1.13). */
  sensitivityLabel?: string;
  /** Mailbox requirement set the client reaches, e.g. "1.12". */
  mailbox?: string;
  /** Headers the client accepts but does not keep (the known quirk). */
  dropHeaders?: boolean;
  /** Make every call that names this method fail. */
  failing?: string;
  displayLanguage?: string;
  userEmail?: string;
}

type Callback = (result: unknown) => void;

function ok(callback: Callback, value?: unknown) {
  callback({ status: 'succeeded', value });
}

function fail(callback: Callback, code: string, message: string) {
  callback({ status: 'failed', error: { code, name: code, message } });
}

function versionAtLeast(have: string, want: string): boolean {
  const [a, b] = have.split('.').map(Number);
  const [c, d] = want.split('.').map(Number);
  return a > c || (a === c && b >= d);
}

export function outlookMock(seed: DraftSeed = {}) {
  const state = {
    subject: seed.subject ?? 'Uitslag',
    recipients: { to: seed.to ?? [], cc: seed.cc ?? [], bcc: seed.bcc ?? [] },
    html: seed.html ?? '<p>Zie bijlage</p>',
    headers: { ...(seed.headers ?? {}) } as Record<string, string>,
    properties: { ...(seed.properties ?? {}) } as Record<string, string>,
    savedProperties: { ...(seed.properties ?? {}) } as Record<string, string>,
    categories: [...(seed.categories ?? [])],
    saves: 0,
    closed: false,
    contentReads: 0,
  };
  const guard = (name: string, callback: Callback, run: () => void) =>
    seed.failing === name ? fail(callback, 'GenericError', `${name} failed`) : run();
  const list = (field: 'to' | 'cc' | 'bcc') => ({
    getAsync: (callback: Callback) =>
      guard('recipients', callback, () =>
        ok(
          callback,
          state.recipients[field].map((emailAddress) => ({ emailAddress, displayName: '' })),
        ),
      ),
  });
  const item = {
    subject: { getAsync: (cb: Callback) => ok(cb, state.subject) },
    to: list('to'),
    cc: list('cc'),
    bcc: list('bcc'),
    body: { getAsync: (_type: unknown, cb: Callback) => ok(cb, state.html) },
    internetHeaders: {
      getAsync: (names: string[], cb: Callback) =>
        guard('getHeaders', cb, () => {
          const out: Record<string, string> = {};
          for (const name of names) {
            const key = Object.keys(state.headers).find(
              (k) => k.toLowerCase() === name.toLowerCase(),
            );
            if (key) out[key] = state.headers[key];
          }
          ok(cb, out);
        }),
      setAsync: (headers: Record<string, string>, cb: Callback) =>
        guard('setHeaders', cb, () => {
          if (!seed.dropHeaders) Object.assign(state.headers, headers);
          ok(cb);
        }),
      removeAsync: (names: string[], cb: Callback) => {
        for (const name of names) delete state.headers[name];
        ok(cb);
      },
    },
    loadCustomPropertiesAsync: (cb: Callback) =>
      ok(cb, {
        get: (name: string) => state.properties[name],
        set: (name: string, value: string) => (state.properties[name] = value),
        remove: (name: string) => delete state.properties[name],
        saveAsync: (done: Callback) => {
          state.savedProperties = { ...state.properties };
          ok(done);
        },
      }),
    sensitivityLabel: {
      getAsync: (cb: Callback) =>
        guard('sensitivityLabel', cb, () => ok(cb, seed.sensitivityLabel ?? '')),
    },
    categories: {
      getAsync: (cb: Callback) =>
        ok(
          cb,
          state.categories.map((displayName) => ({ displayName, color: 'Preset0' })),
        ),
      addAsync: (names: string[], cb: Callback) => {
        const unknown = names.filter((n) => !(seed.masterCategories ?? []).includes(n));
        if (unknown.length) return fail(cb, 'InvalidCategory', 'Invalid category');
        state.categories.push(...names);
        ok(cb);
      },
      removeAsync: (names: string[], cb: Callback) => {
        state.categories = state.categories.filter((c) => !names.includes(c));
        ok(cb);
      },
    },
    getAttachmentsAsync: (cb: Callback) =>
      ok(
        cb,
        (seed.attachments ?? []).map((a) => ({
          id: a.id,
          name: a.name,
          size: a.size ?? Math.floor((a.base64.length * 3) / 4),
          attachmentType: a.type,
          isInline: a.inline ?? false,
          ...(a.contentId ? { contentId: a.contentId } : {}),
          ...(a.url ? { url: a.url } : {}),
        })),
      ),
    getAttachmentContentAsync: (id: string, cb: Callback) => {
      const a = (seed.attachments ?? []).find((x) => x.id === id);
      if (!a) return fail(cb, 'InvalidAttachmentId', 'no such attachment');
      state.contentReads++;
      const format = a.type === 'file' ? 'base64' : a.type === 'item' ? 'eml' : 'url';
      const content = a.type === 'item' ? atob(a.base64) : a.base64;
      ok(cb, { format, content });
    },
    saveAsync: (cb: Callback) =>
      guard('save', cb, () => {
        state.saves++;
        ok(cb, 'AAMkAD-draft-id');
      }),
    close: () => {
      state.closed = true;
    },
    addHandlerAsync: (_type: unknown, _handler: unknown, cb: Callback) => ok(cb),
    removeHandlerAsync: (_type: unknown, _handler: unknown, cb?: Callback) => cb && ok(cb),
  };
  const mock = new OfficeMockObject(
    {
      host: 'outlook',
      context: {
        displayLanguage: seed.displayLanguage ?? 'en-US',
        requirements: {
          isSetSupported: (name: string, version: string) =>
            name === 'Mailbox' && versionAtLeast(seed.mailbox ?? '1.14', version),
        },
        mailbox: {
          item,
          convertToRestId: (id: string, version: string) => `${version}:${id}`,
          userProfile: { emailAddress: seed.userEmail ?? 'arts@ziekenhuis.nl' },
        },
      },
      CoercionType: { Html: 'html' },
      MailboxEnums: { RestVersion: { v2_0: 'v2.0' } },
      EventType: { RecipientsChanged: 'olkRecipientsChanged' },
    },
    'outlook' as ConstructorParameters<typeof OfficeMockObject>[1],
  );
  return { mock, state };
}

/** Installs the mock as the global `Office` for the code under test; returns a remover. */
export function installOffice(mock: unknown): () => void {
  const global = globalThis as { Office?: unknown };
  global.Office = mock;
  return () => {
    delete global.Office;
  };
}
