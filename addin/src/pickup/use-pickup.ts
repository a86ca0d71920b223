import { normaliseCeId } from '@zegel/shared';
import { useCallback, useEffect, useState } from 'react';
import type { PickupApi } from './pickup-api';
import { problemOf, type PickupPhase, type Problem } from './pickup-state';

export interface Pickup {
  phase: PickupPhase;
  /** Shown under the code form. */
  formProblem: Problem | null;
  /** Shown beside Accept and Decline. */
  respondProblem: Problem | null;
  busy: boolean;
  unlock(input: string): Promise<void>;
  respond(answer: 'accept' | 'decline'): Promise<void>;
}

/** The pickup flow of one link: session check on load, unlock, accept or decline. */
export function usePickup(api: PickupApi): Pickup {
  const [phase, setPhase] = useState<PickupPhase>({ kind: 'loading' });
  const [formProblem, setFormProblem] = useState<Problem | null>(null);
  const [respondProblem, setRespondProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.message().then(
      (view) => !cancelled && setPhase({ kind: 'message', view }),
      (error: unknown) => {
        if (cancelled) return;
        const problem = problemOf(error);
        if (problem.kind === 'session-required') setPhase({ kind: 'code' });
        else if (problem.kind === 'closed') setPhase({ kind: 'closed' });
        // A denied or blocked answer before any code was typed still means: show the form.
        else if (problem.kind === 'denied' || problem.kind === 'blocked') {
          setPhase({ kind: 'code' });
          setFormProblem(problem);
        } else setPhase({ kind: 'failed', problem });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const unlock = useCallback(
    async (input: string) => {
      const ceId = normaliseCeId(input);
      if (!ceId) {
        setFormProblem({ kind: 'format' });
        return;
      }
      setBusy(true);
      setFormProblem(null);
      try {
        const view = await api.unlock(ceId);
        setPhase({ kind: 'message', view });
      } catch (error) {
        const problem = problemOf(error);
        if (problem.kind === 'closed') setPhase({ kind: 'closed' });
        else setFormProblem(problem);
      } finally {
        setBusy(false);
      }
    },
    [api],
  );

  const respond = useCallback(
    async (answer: 'accept' | 'decline') => {
      setBusy(true);
      setRespondProblem(null);
      try {
        const { state } = await api.respond(answer);
        if (answer === 'decline') {
          setPhase({ kind: 'declined' });
          return;
        }
        // Reload the view: whether the content stays available after acceptance is the server's call.
        try {
          setPhase({ kind: 'message', view: await api.message(), notice: 'accepted' });
        } catch (error) {
          if (problemOf(error).kind === 'closed') setPhase({ kind: 'closed', notice: 'accepted' });
          else
            setPhase((prev) =>
              prev.kind === 'message'
                ? { ...prev, view: { ...prev.view, state, canRespond: false }, notice: 'accepted' }
                : prev,
            );
        }
      } catch (error) {
        const problem = problemOf(error);
        if (problem.kind === 'closed') setPhase({ kind: 'closed' });
        else if (problem.kind === 'session-required') {
          setPhase({ kind: 'code', notice: 'session-ended' });
        } else setRespondProblem(problem);
      } finally {
        setBusy(false);
      }
    },
    [api],
  );

  return { phase, formProblem, respondProblem, busy, unlock, respond };
}
