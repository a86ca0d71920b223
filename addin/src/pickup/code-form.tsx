import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PickupTexts } from './messages';
import type { Problem } from './pickup-state';
import { ProblemBar } from './problem-bar';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  input: { fontFamily: tokens.fontFamilyMonospace, letterSpacing: '0.1em' },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

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
  const styles = useStyles();
  const [value, setValue] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const problemId = useId();
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
    <form className={styles.form} onSubmit={submit} noValidate>
      {notice === 'session-ended' && (
        <MessageBar intent="info">
          <MessageBarBody>{t.sessionEnded}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={t.codeLabel} hint={t.codeHint} size="large">
        <Input
          ref={inputRef}
          className={styles.input}
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
          aria-describedby={problem ? problemId : undefined}
          disabled={busy}
        />
      </Field>
      <div id={problemId} aria-live="assertive" aria-atomic="true">
        {problem && <ProblemBar t={t} problem={problem} />}
      </div>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" size="large" disabledFocusable={busy}>
          {t.unlock}
        </Button>
        {busy && <Spinner size="tiny" label={t.unlocking} />}
        <Button
          type="button"
          appearance="subtle"
          onClick={reportLost}
          disabledFocusable={lost === 'sending' || lost === 'sent'}
        >
          {t.lostCode}
        </Button>
      </div>
      <div aria-live="polite" aria-atomic="true">
        {lost === 'sent' && (
          <MessageBar intent="success">
            <MessageBarBody>{t.lostCodeSent}</MessageBarBody>
          </MessageBar>
        )}
        {lost === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>{t.lostCodeFailed}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </form>
  );
}
