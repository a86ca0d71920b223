import type { RouteReason } from '@zegel/shared';
import { reasonText } from './reason-text';

describe('reasonText', () => {
  const reason: RouteReason = {
    code: 'SMARTTLS_PICKUP',
    message: 'The mail servers of zorg.nl do not meet the TLS requirements for direct delivery.',
  };
  it('keeps the server wording in English', () => {
    expect(reasonText('en', reason, 'zorg.nl')).toBe(reason.message);
  });
  it('words known codes in Dutch with the domain', () => {
    expect(reasonText('nl', reason, 'zorg.nl')).toBe(
      'De mailservers van zorg.nl voldoen niet aan de TLS-eisen voor directe aflevering.',
    );
  });
  it('falls back to the server wording for a code it does not know', () => {
    const unknown = { code: 'SOMETHING_NEW', message: 'New reason.' } as unknown as RouteReason;
    expect(reasonText('nl', unknown, 'zorg.nl')).toBe('New reason.');
  });
});
