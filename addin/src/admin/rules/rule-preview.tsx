import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  SpinButton,
  Textarea,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type {
  ClassificationInfo,
  MailFlowPreview,
  MailFlowRuleView,
  MailFlowSampleInput,
} from '@zegel/shared';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../common/api-client';
import { useAdminLanguage, useTexts } from '../admin-language';
import { LoadProblem } from '../load-problem';
import { problemsByField, splitList } from './rule-form.state';
import { RULES_MESSAGES, type RulesTexts } from './rules.messages';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '48em' },
  heading: { margin: 0 },
  pair: {
    display: 'grid',
    alignItems: 'start',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 600px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
  result: { display: 'grid', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

/** `Name: value` lines → a header map (a name may repeat). */
export function parseHeaderLines(text: string): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    headers[name] = [...(headers[name] ?? []), line.slice(colon + 1).trim()];
  }
  return headers;
}

/** Describes a rule's conditions in words: which ones it sets. */
export function conditionLabels(rule: MailFlowRuleView, t: RulesTexts): string[] {
  return (Object.keys(rule.conditions) as (keyof typeof t.fieldLabels)[]).map((name) => {
    const value = rule.conditions[name];
    const shown = Array.isArray(value)
      ? value.join(', ')
      : typeof value === 'boolean'
        ? value
          ? t.yes
          : t.no
        : value
          ? `${value.name}: ${value.contains}`
          : '';
    return `${t.fieldLabels[name]}: ${shown}`;
  });
}

/** Runs the saved rules on a sample message and explains the outcome. */
export function RulePreview(props: {
  rules: MailFlowRuleView[];
  classifications: readonly ClassificationInfo[];
  onPreview: (sample: MailFlowSampleInput) => Promise<MailFlowPreview>;
}) {
  const styles = useStyles();
  const t = useTexts(RULES_MESSAGES);
  const language = useAdminLanguage();
  const [sender, setSender] = useState('');
  const [recipients, setRecipients] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [headers, setHeaders] = useState('');
  const [attachments, setAttachments] = useState(0);
  const [result, setResult] = useState<MailFlowPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const problems = error instanceof ApiError ? problemsByField(error.details) : {};
  const run = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setResult(
        await props.onPreview({
          sender: sender.trim(),
          recipients: splitList(recipients),
          subject,
          body,
          headers: parseHeaderLines(headers),
          attachmentCount: attachments,
        }),
      );
    } catch (e) {
      setResult(null);
      setError(e);
    }
  };
  const ruleById = (id: string) => props.rules.find((r) => r.id === id);
  const labelOf = (id: string | undefined) =>
    props.classifications.find((c) => c.id === id)?.label[language] ?? id ?? '';
  const fieldError = (name: string): string | undefined => problems[name];
  const matched = result?.ruleId ? ruleById(result.ruleId) : undefined;
  return (
    <section className={styles.root} aria-labelledby="rule-preview-heading">
      <Title3 as="h2" id="rule-preview-heading" className={styles.heading}>
        {t.previewTitle}
      </Title3>
      <p>{t.previewIntro}</p>
      <form onSubmit={(e) => void run(e)} className={styles.root} noValidate>
        <div className={styles.pair}>
          <Field
            label={t.sender}
            required
            validationMessage={fieldError('sender')}
            validationState={fieldError('sender') ? 'error' : 'none'}
          >
            <Input type="email" value={sender} onChange={(_e, d) => setSender(d.value)} />
          </Field>
          <Field
            label={t.recipients}
            required
            hint={t.listHint}
            validationMessage={fieldError('recipients')}
            validationState={fieldError('recipients') ? 'error' : 'none'}
          >
            <Textarea value={recipients} rows={1} onChange={(_e, d) => setRecipients(d.value)} />
          </Field>
        </div>
        <Field label={t.subject}>
          <Input value={subject} onChange={(_e, d) => setSubject(d.value)} />
        </Field>
        <Field label={t.body}>
          <Textarea value={body} rows={2} onChange={(_e, d) => setBody(d.value)} />
        </Field>
        <div className={styles.pair}>
          <Field label={t.headers} hint={t.headersHint}>
            <Textarea value={headers} rows={2} onChange={(_e, d) => setHeaders(d.value)} />
          </Field>
          <Field label={t.attachments}>
            <SpinButton
              value={attachments}
              min={0}
              max={100}
              onChange={(_e, d) =>
                setAttachments(
                  Math.max(0, Math.min(100, Number(d.value ?? d.displayValue ?? 0) || 0)),
                )
              }
            />
          </Field>
        </div>
        <div>
          <Button appearance="primary" type="submit">
            {t.runPreview}
          </Button>
        </div>
      </form>
      {error !== null && !(error instanceof ApiError && error.status === 400) && (
        <LoadProblem error={error} />
      )}
      <div aria-live="polite" className={styles.result} data-testid="preview-result">
        {result && (
          <>
            <MessageBar intent={result.ruleId ? 'success' : 'info'}>
              <MessageBarBody>
                {result.ruleId
                  ? t.matched(
                      result.trace.find((r) => r.id === result.ruleId)?.name ?? '',
                      labelOf(result.classification),
                    )
                  : t.noMatch}
              </MessageBarBody>
            </MessageBar>
            {matched && (
              <div>
                <p>{t.because}</p>
                <ul className={styles.list}>
                  {conditionLabels(matched, t).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
            )}
            {result.trace
              .filter((r) => !r.matched)
              .map((r) => (
                <div key={r.id}>
                  <p>{t.notBecause(r.name)}</p>
                  <ul className={styles.list}>
                    {r.failed.map((f) => (
                      <li key={f}>{t.failedCondition(t.fieldLabels[f])}</li>
                    ))}
                  </ul>
                </div>
              ))}
          </>
        )}
      </div>
    </section>
  );
}
