import type { Page } from 'playwright-core';

/** The draft the fake Outlook shows the add-in; the page keeps it in `window.__zegelDraft`. */
export interface FakeDraft {
  subject: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  html: string;
  headers?: Record<string, string>;
  properties?: Record<string, string>;
  categories?: string[];
  attachments?: {
    id: string;
    name: string;
    type: 'file' | 'item' | 'cloud';
    base64: string;
    /** Reported size, when not that of the content (a large draft without its bytes). */
    size?: number;
    /** A cloud attachment's sharing link. */
    url?: string;
    /** A picture shown in the body, and the Content-ID Outlook reports for it (Mailbox 1.16). */
    inline?: boolean;
    contentId?: string;
  }[];
  /** Mailbox requirement set the fake client reaches (default 1.14). */
  mailbox?: string;
  displayLanguage?: string;
  /** Office theme body background: '#ffffff' light, '#1f1f1f' dark. */
  background?: string;
  userEmail?: string;
  /** What Office SSO (getAccessToken) hands out; without it the fake has no IdentityAPI. */
  ssoToken?: string;
  /** The add-in's roaming settings (kept by Exchange per mailbox); the fake keeps what is saved. */
  roaming?: Record<string, unknown>;
  /** Filled in by the fake: how often the draft was saved, whether it was closed, and how often an attachment's content was read. */
  saves?: number;
  closed?: boolean;
  contentReads?: number;
}

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * A stand-in for Office.js with an Outlook compose item, served in place of Microsoft's CDN file.
 * Callbacks answer asynchronously, as in Outlook; the state is the page's `window.__zegelDraft`.
 */
const FAKE_OFFICE_JS = String.raw`(function () {
  var draft = window.__zegelDraft;
  draft.headers = draft.headers || {};
  draft.properties = draft.properties || {};
  draft.categories = draft.categories || [];
  draft.attachments = draft.attachments || [];
  draft.roaming = draft.roaming || {};
  draft.saves = 0;
  var roaming = JSON.parse(JSON.stringify(draft.roaming));
  draft.contentReads = 0;
  function later(cb, value) { setTimeout(function () { cb({ status: 'succeeded', value: value }); }, 0); }
  function failed(cb, code, message) {
    setTimeout(function () { cb({ status: 'failed', error: { code: code, name: code, message: message } }); }, 0);
  }
  function atLeast(have, want) {
    var a = have.split('.').map(Number), b = want.split('.').map(Number);
    return a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
  }
  function list(field) {
    return { getAsync: function (cb) {
      later(cb, (draft[field] || []).map(function (a) { return { emailAddress: a, displayName: a }; }));
    } };
  }
  var item = {
    itemType: 'message',
    subject: { getAsync: function (cb) { later(cb, draft.subject); } },
    to: list('to'), cc: list('cc'), bcc: list('bcc'),
    body: { getAsync: function (_t, cb) { later(cb, draft.html); } },
    internetHeaders: {
      getAsync: function (names, cb) {
        var out = {};
        names.forEach(function (n) {
          Object.keys(draft.headers).forEach(function (k) { if (k.toLowerCase() === n.toLowerCase()) out[k] = draft.headers[k]; });
        });
        later(cb, out);
      },
      setAsync: function (headers, cb) { Object.assign(draft.headers, headers); later(cb); },
      removeAsync: function (names, cb) { names.forEach(function (n) { delete draft.headers[n]; }); later(cb); }
    },
    loadCustomPropertiesAsync: function (cb) {
      var props = Object.assign({}, draft.properties);
      later(cb, {
        get: function (n) { return props[n]; },
        set: function (n, v) { props[n] = v; },
        remove: function (n) { delete props[n]; },
        saveAsync: function (done) { draft.properties = Object.assign({}, props); later(done); }
      });
    },
    categories: {
      getAsync: function (cb) { later(cb, draft.categories.map(function (c) { return { displayName: c, color: 'Preset0' }; })); },
      // Outlook refuses categories that are not in the master list; the fake's list is empty.
      addAsync: function (_names, cb) { failed(cb, 'InvalidCategory', 'The category is not in the master list.'); },
      removeAsync: function (names, cb) {
        draft.categories = draft.categories.filter(function (c) { return names.indexOf(c) < 0; }); later(cb);
      }
    },
    getAttachmentsAsync: function (cb) {
      later(cb, draft.attachments.map(function (a) {
        var details = { id: a.id, name: a.name, size: a.size !== undefined ? a.size : Math.floor(a.base64.length * 3 / 4), attachmentType: a.type, isInline: !!a.inline };
        if (a.url) details.url = a.url;
        if (a.contentId) details.contentId = a.contentId;
        return details;
      }));
    },
    getAttachmentContentAsync: function (id, cb) {
      var a = draft.attachments.filter(function (x) { return x.id === id; })[0];
      if (!a) return failed(cb, 'InvalidAttachmentId', 'No such attachment.');
      draft.contentReads++;
      later(cb, { format: a.type === 'file' ? 'base64' : a.type === 'item' ? 'eml' : 'url', content: a.type === 'item' ? atob(a.base64) : a.base64 });
    },
    saveAsync: function (cb) { draft.saves++; later(cb, 'AAMkAD-fake-draft'); },
    close: function () { draft.closed = true; },
    addHandlerAsync: function (_type, handler, cb) { window.__zegelRecipientsChanged = handler; later(cb); },
    removeHandlerAsync: function (_type, _h, cb) { if (cb) later(cb); }
  };
  var dark = draft.background || '#ffffff';
  window.__zegelActions = {};
  window.Office = {
    onReady: function () { return Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }); },
    CoercionType: { Html: 'html', Text: 'text' },
    EventType: { RecipientsChanged: 'olkRecipientsChanged' },
    MailboxEnums: { RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' } },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    actions: { associate: function (name, fn) { window.__zegelActions[name] = fn; } },
    auth: { getAccessToken: function () {
      window.__zegelSsoCalls = (window.__zegelSsoCalls || 0) + 1;
      return draft.ssoToken ? Promise.resolve(draft.ssoToken) : Promise.reject(new Error('no SSO in the fake'));
    } },
    context: {
      displayLanguage: draft.displayLanguage || 'en-US',
      officeTheme: { bodyBackgroundColor: dark, bodyForegroundColor: dark === '#ffffff' ? '#000000' : '#ffffff' },
      requirements: { isSetSupported: function (name, version) {
        if (name === 'IdentityAPI') return Boolean(draft.ssoToken) && atLeast('1.3', version);
        return name === 'Mailbox' && atLeast(draft.mailbox || '1.14', version);
      } },
      roamingSettings: {
        get: function (n) { return roaming[n]; },
        set: function (n, v) { roaming[n] = v; },
        remove: function (n) { delete roaming[n]; },
        saveAsync: function (cb) { draft.roaming = JSON.parse(JSON.stringify(roaming)); if (cb) later(cb); }
      },
      mailbox: { item: item,
        // EWS ids use + and /, REST ids - and _ (Outlook's convertToRestId).
        convertToRestId: function (id) { return id.replace(/\+/g, '-').replace(/\//g, '_'); },
        userProfile: { emailAddress: draft.userEmail || 'developer@zegel.test', displayName: 'Developer' } }
    }
  };
})();`;

/**
 * Serves the fake Office.js instead of Microsoft's, and injects the draft before any script of
 * the page runs.
 */
export async function installFakeOffice(page: Page, draft: FakeDraft): Promise<void> {
  await page.addInitScript((seed) => {
    (window as unknown as { __zegelDraft: unknown }).__zegelDraft = seed;
  }, draft);
  await page.route(OFFICE_JS_URL, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: FAKE_OFFICE_JS }),
  );
}

/** The draft as the add-in left it. */
export function draftState(page: Page): Promise<FakeDraft> {
  return page.evaluate(
    () =>
      JSON.parse(
        JSON.stringify((window as unknown as { __zegelDraft: unknown }).__zegelDraft),
      ) as FakeDraft,
  );
}
