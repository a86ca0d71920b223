import { Input } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PickupTexts } from './messages';
import type { Problem } from './pickup-state';
import { BusyText, NoticeBar } from './notice-bar';
import { ProblemBar } from './problem-bar';

export interface CodeFormProps {
  t: PickupTexts;
  busy: boolean;
  problem: Problem | null;
  notice?: 'session-ended';
  onSubmit: (input: string) => void;
  /** "I lost my code": asks the sender for a new one. */
  onLostCode: () => Promise<void>;
}

/** The CE-ID form; focus starts in the code field and returns there after a failed attempt. */
export function CodeForm({ t, busy, problem, notice, onSubmit, onLostCode }: CodeFormProps) {
  const [value, setValue] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const problemId = useId();
  const inputId = useId();
  const hintId = useId();
  const [lost, setLost] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const reportLost = () => {
    setLost('sending');
    onLostCode().then(
      () => setLost('sent'),
      () => setLost('failed'),
    );
  };

  useEffect(() => {
    if (!busy) inputRef.current?.focus();
  }, [busy, problem]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit(value);
  };

  return (
    <form className="pickup-code-form" onSubmit={submit} noValidate>
      {notice === 'session-ended' && <NoticeBar intent="info">{t.sessionEnded}</NoticeBar>}
      {/* A native label and hint rather than Fluent's Field: see pickup.css. */}
      <div className="pickup-field">
        <label className="pickup-field-label" htmlFor={inputId}>
          {t.codeLabel}
        </label>
        <Input
          ref={inputRef}
          id={inputId}
          size="large"
          className="pickup-code-input"
          name="ceId"
          value={value}
          onChange={(_event, data) => setValue(data.value)}
          placeholder="XXX-XXX-XXX"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          maxLength={24}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
          disabled={busy}
        />
        <div className="pickup-field-hint" id={hintId}>
          {t.codeHint}
        </div>
      </div>
      <div id={problemId} aria-live="assertive" aria-atomic="true">
        {problem && <ProblemBar t={t} problem={problem} />}
      </div>
      <div className="pickup-actions">
        {/* Native buttons in Fluent's look (base.css); aria-disabled keeps them focusable. */}
        <button
          type="submit"
          className="zegel-button zegel-button-primary zegel-button-large"
          aria-disabled={busy || undefined}
        >
          {t.unlock}
        </button>
        {busy && <BusyText label={t.unlocking} />}
        <button
          type="button"
          className="zegel-button zegel-button-subtle zegel-button-large"
          onClick={() => lost !== 'sending' && lost !== 'sent' && reportLost()}
          aria-disabled={lost === 'sending' || lost === 'sent' || undefined}
        >
          {t.lostCode}
        </button>
      </div>
      <div aria-live="polite" aria-atomic="true">
        {lost === 'sent' && <NoticeBar intent="success">{t.lostCodeSent}</NoticeBar>}
        {lost === 'failed' && <NoticeBar intent="error">{t.lostCodeFailed}</NoticeBar>}
      </div>
    </form>
  );
}
