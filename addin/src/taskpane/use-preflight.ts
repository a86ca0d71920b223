import { useCallback, useEffect, useState } from 'react';
import type { TaskpaneApi } from './taskpane-api';
import type { PreviewState } from './recipient-preview';

const DEBOUNCE_MS = 300;
const PENDING_RETRY_MS = 2000;
const MAX_PENDING_RETRIES = 5;

/** Asks the preflight whenever label or recipients change; asks again while domains are pending. */
export function usePreflight(
  api: TaskpaneApi,
  label: string | undefined,
  recipients: string[] | null,
  describe: (error: unknown) => string,
): [PreviewState, () => void] {
  const [state, setState] = useState<PreviewState>({ kind: 'no-label' });
  const [round, setRound] = useState(0);
  const key = recipients?.join('\n') ?? '';
  useEffect(() => {
    if (!label) return setState({ kind: 'no-label' });
    if (!recipients || recipients.length === 0) return setState({ kind: 'no-recipients' });
    let current = true;
    let timer: ReturnType<typeof setTimeout>;
    const ask = (attempt: number) => {
      api.preflight({ classification: label, recipients }).then(
        (answer) => {
          if (!current) return;
          setState({ kind: 'done', answer });
          if (answer.pending && attempt < MAX_PENDING_RETRIES)
            timer = setTimeout(() => ask(attempt + 1), PENDING_RETRY_MS);
        },
        (error: unknown) => current && setState({ kind: 'failed', message: describe(error) }),
      );
    };
    setState({ kind: 'loading' });
    timer = setTimeout(() => ask(0), DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `key` stands for the recipients' content; `recipients` itself is a new array each time.
  }, [api, label, key, round, describe]);
  const refresh = useCallback(() => setRound((r) => r + 1), []);
  return [state, refresh];
}
