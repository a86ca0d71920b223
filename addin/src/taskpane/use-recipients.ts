import { useCallback, useEffect, useState } from 'react';
import type { ComposeMail } from '../office/compose-mail';
import { uniqueRecipients } from './collect-message';

/** The draft's recipients, kept current by RecipientsChanged (Mailbox 1.7) or on focus. */
export function useRecipients(mail: ComposeMail): [string[] | null, () => void] {
  const [recipients, setRecipients] = useState<string[] | null>(null);
  const refresh = useCallback(() => {
    mail.recipients().then(
      (r) => setRecipients(uniqueRecipients([r.to, r.cc, r.bcc])),
      () => setRecipients([]),
    );
  }, [mail]);
  useEffect(() => {
    refresh();
    let stop: (() => void) | undefined;
    let active = true;
    if (mail.supports('1.7')) {
      mail.onRecipientsChanged(refresh).then(
        (off) => (active ? (stop = off) : off()),
        () => undefined,
      );
    }
    // Older clients have no event: read again whenever the user comes back to the pane.
    window.addEventListener('focus', refresh);
    return () => {
      active = false;
      stop?.();
      window.removeEventListener('focus', refresh);
    };
  }, [mail, refresh]);
  return [recipients, refresh];
}
