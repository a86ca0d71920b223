import { NoticeBar } from './notice-bar';
import type { PickupTexts } from './messages';
import type { Problem } from './pickup-state';

/** The sentence for a problem, and an extra line (a wait time or a reference) when there is one. */
export function problemText(t: PickupTexts, problem: Problem): { text: string; detail?: string } {
  switch (problem.kind) {
    case 'format':
      return { text: t.codeFormat };
    case 'denied':
      return { text: t.denied };
    case 'blocked':
      return {
        text: t.blocked,
        detail:
          problem.retryAfterSeconds === undefined
            ? undefined
            : t.retryAfter(Math.max(1, Math.ceil(problem.retryAfterSeconds / 60))),
      };
    case 'closed':
      return { text: t.closed };
    case 'session-required':
      return { text: t.sessionEnded };
    case 'offline':
      return { text: t.offline };
    case 'failed':
      return {
        text: t.failed,
        detail: problem.correlationId ? t.reference(problem.correlationId) : undefined,
      };
  }
}

/** A problem as an error bar; put it inside a live region so screen readers read it out. */
export function ProblemBar({ t, problem }: { t: PickupTexts; problem: Problem }) {
  const { text, detail } = problemText(t, problem);
  return (
    <NoticeBar intent="error">
      {text}
      {detail && (
        <>
          <br />
          {detail}
        </>
      )}
    </NoticeBar>
  );
}
