import type { RoamingStore } from '../office/roaming-settings';
import { ContactPhones, rememberPhones } from './contact-phones';

function memoryStore(initial: Record<string, unknown> = {}) {
  const data = { ...initial };
  let saves = 0;
  const store: RoamingStore = {
    get: (name) => data[name],
    set: (name, value) => {
      data[name] = value;
    },
    save: async () => {
      saves++;
    },
  };
  return { store, data, saves: () => saves };
}

describe('rememberPhones', () => {
  it('keeps addresses in lower case and moves a reused one to the end', () => {
    const book = rememberPhones({ 'a@x.nl': '+31600000001', 'b@x.nl': '+31600000002' }, [
      { address: 'A@X.nl', phone: '+31600000009' },
    ]);
    expect(Object.entries(book)).toEqual([
      ['b@x.nl', '+31600000002'],
      ['a@x.nl', '+31600000009'],
    ]);
  });

  it('drops the oldest numbers past the limit', () => {
    const used = Array.from({ length: 5 }, (_, i) => ({
      address: `p${i}@x.nl`,
      phone: `+3160000000${i}`,
    }));
    expect(Object.keys(rememberPhones({}, used, 3))).toEqual(['p2@x.nl', 'p3@x.nl', 'p4@x.nl']);
  });
});

describe('ContactPhones', () => {
  it('finds a remembered number whatever the case of the address, and saves once per send', async () => {
    const memory = memoryStore();
    const phones = new ContactPhones(memory.store);
    await phones.remember([{ address: 'Jan@Zorg.nl', phone: '+31612345678' }]);
    expect(phones.phoneOf('jan@zorg.NL')).toBe('+31612345678');
    expect(memory.saves()).toBe(1);
  });

  it('ignores a stored value that is not a book of numbers', () => {
    const phones = new ContactPhones(
      memoryStore({ zegelContactPhones: { 'a@x.nl': 42, 'b@x.nl': '+31612345678' } }).store,
    );
    expect(phones.phoneOf('a@x.nl')).toBeUndefined();
    expect(phones.phoneOf('b@x.nl')).toBe('+31612345678');
    expect(new ContactPhones(memoryStore({ zegelContactPhones: ['x'] }).store).phoneOf('x')).toBe(
      undefined,
    );
  });

  it('remembers nothing outside Outlook and does not fail', async () => {
    const phones = new ContactPhones(null);
    await expect(phones.remember([{ address: 'a@x.nl', phone: '+31612345678' }])).resolves.toBe(
      undefined,
    );
    expect(phones.phoneOf('a@x.nl')).toBeUndefined();
  });
});
