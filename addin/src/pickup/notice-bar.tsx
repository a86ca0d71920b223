import type { ReactNode } from 'react';

export type NoticeIntent = 'info' | 'success' | 'warning' | 'error';

// A small mark per intent, so the kind of notice does not rest on colour alone.
const MARKS: Record<NoticeIntent, string> = { info: 'i', success: '✓', warning: '!', error: '!' };

/**
 * A notice in the colours of Fluent's MessageBar, drawn with plain CSS (pickup.css). The screens
 * before the message is open use it instead of MessageBar, whose code and icons would double the
 * size of what the code form needs. Put it inside a live region when it must be read out.
 */
export function NoticeBar({ intent, children }: { intent: NoticeIntent; children: ReactNode }) {
  return (
    <div className={`pickup-notice pickup-notice-${intent}`}>
      <span className="pickup-notice-mark" aria-hidden="true">
        {MARKS[intent]}
      </span>
      <div className="pickup-notice-text">{children}</div>
    </div>
  );
}

/** "Working on it": a turning ring and the words, instead of Fluent's Spinner (see NoticeBar). */
export function BusyText({ label }: { label: string }) {
  return (
    <span className="pickup-busy" role="status">
      <span className="pickup-busy-ring" aria-hidden="true" />
      {label}
    </span>
  );
}
