import type { RoamingStore } from '../office/roaming-settings';
import { INTERNAL_DOMAINS_SETTING, policyInternalDomains } from './send-check-settings';

/** A roaming store that keeps what is saved, as Exchange does. */
function memoryStore(initial: Record<string, unknown> = {}) {
  const values = { ...initial };
  const saved: Record<string, unknown>[] = [];
  const store: RoamingStore = {
    get: (name) => values[name],
    set: (name, value) => (values[name] = value),
    save: () => {
      saved.push({ ...values });
      return Promise.resolve();
    },
  };
  return { store, saved };
}

/** A fetch that answers with `status` and a JSON `body` (jsdom has no Response). */
const answer = (status: number, body: unknown) =>
  jest.fn(() => Promise.resolve({ ok: status < 300, status, json: () => Promise.resolve(body) }));

describe("the send check's internal domains from the organisation policy", () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  const options = (store: RoamingStore) => ({ token: () => Promise.resolve('t'), store });

  it('takes the answer, asks with the bearer token, and remembers it for this mailbox', async () => {
    const fetchMock = answer(200, { internalDomains: ['Partner.Example'] });
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    const { store, saved } = memoryStore();
    expect(await policyInternalDomains(options(store))).toEqual(['partner.example']);
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/send-check/settings', {
      credentials: 'same-origin',
      headers: { Authorization: 'Bearer t' },
    });
    expect(saved).toEqual([{ [INTERNAL_DOMAINS_SETTING]: ['partner.example'] }]);
    // The same answer again is not saved again.
    await policyInternalDomains(options(store));
    expect(saved).toHaveLength(1);
  });

  it('uses the remembered answer when Zegel refuses, answers nonsense or does not answer in time', async () => {
    const { store } = memoryStore({ [INTERNAL_DOMAINS_SETTING]: ['kept.example'] });
    globalThis.fetch = answer(503, {}) as unknown as typeof fetch;
    expect(await policyInternalDomains(options(store))).toEqual(['kept.example']);
    globalThis.fetch = answer(200, { internalDomains: ['<script>'] }) as unknown as typeof fetch;
    expect(await policyInternalDomains(options(store))).toEqual(['kept.example']);
    globalThis.fetch = (() => new Promise(() => undefined)) as unknown as typeof fetch;
    const started = Date.now();
    expect(await policyInternalDomains({ ...options(store), timeoutMs: 50 })).toEqual([
      'kept.example',
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives none without an answer or a memory, and never throws', async () => {
    globalThis.fetch = (() => Promise.reject(new Error('offline'))) as unknown as typeof fetch;
    expect(
      await policyInternalDomains({
        token: () => Promise.reject(new Error('no SSO')),
        store: null,
      }),
    ).toEqual([]);
    expect(await policyInternalDomains(options(memoryStore().store))).toEqual([]);
  });
});
