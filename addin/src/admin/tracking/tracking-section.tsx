import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { RECIPIENT_STATES, type TrackedMessage } from '@zegel/shared';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../common/api-client';
import type { Load } from '../../common/use-load';
import { useAdminTexts } from '../admin-language';
import { DataTable } from '../data-table';
import { SectionHeader } from '../section-header';
import { formatWhen } from '../when';
import { WhenLoaded } from '../when-loaded';
import { MessageDetail } from './message-detail';
import { trackingApi, type TrackingFilters } from './tracking-api';
import { TRACKING_TEXTS } from './tracking.texts';

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    alignItems: 'end',
    marginBottom: tokens.spacingVerticalL,
    '@media (min-width: 700px)': { gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' },
  },
  table: { tableLayout: 'auto', minWidth: '640px' },
  nowrap: { whiteSpace: 'nowrap' },
  more: { marginTop: tokens.spacingVerticalM },
  detail: { marginTop: tokens.spacingVerticalXL },
});

const EMPTY: TrackingFilters = {
  sender: '',
  recipient: '',
  classification: '',
  state: '',
  from: '',
  to: '',
};

/** The messages found so far and the cursor of the next page; null before the first search. */
type Result = Load<{ messages: TrackedMessage[]; next: string | null }> | null;

/** Message tracking: search with filters, page through the results, open one message. */
export function TrackingSection() {
  const t = useAdminTexts(TRACKING_TEXTS);
  const styles = useStyles();
  const [filters, setFilters] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Result>(null);
  const [open, setOpen] = useState<string | null>(null);

  const run = async (cursor?: string) => {
    const before = result?.status === 'done' && cursor ? result.data.messages : [];
    if (!cursor) setResult({ status: 'loading' });
    try {
      const page = await trackingApi.search(filters, cursor);
      setErrors({});
      setResult({
        status: 'done',
        data: { messages: [...before, ...page.messages], next: page.next },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.details) {
        setErrors(Object.fromEntries(error.details.map((d) => [d.path, d.message])));
        setResult(null);
      } else setResult({ status: 'failed', error });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOpen(null);
    void run();
  };
  const set = (key: keyof TrackingFilters) => (_e: unknown, d: { value: string }) =>
    setFilters((f) => ({ ...f, [key]: d.value }));
  const field = (path: string) =>
    errors[path] ? { validationMessage: errors[path], validationState: 'error' as const } : {};

  return (
    <>
      <SectionHeader title={t.title} intro={t.intro} />
      <form className={styles.filters} onSubmit={submit} noValidate aria-label={t.filters}>
        <Field label={t.sender} {...field('sender')}>
          <Input type="email" value={filters.sender} onChange={set('sender')} />
        </Field>
        <Field label={t.recipient} {...field('recipient')}>
          <Input type="email" value={filters.recipient} onChange={set('recipient')} />
        </Field>
        <Field label={t.classification} {...field('classification')}>
          <Input value={filters.classification} onChange={set('classification')} />
        </Field>
        <Field label={t.state} {...field('state')}>
          <Select value={filters.state} onChange={set('state')}>
            <option value="">{t.anyState}</option>
            {RECIPIENT_STATES.map((s) => (
              <option key={s} value={s}>
                {t.states[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.from} {...field('from')}>
          <Input type="date" value={filters.from} onChange={set('from')} />
        </Field>
        <Field label={t.to} {...field('to')}>
          <Input type="date" value={filters.to} onChange={set('to')} />
        </Field>
        <Button appearance="primary" type="submit">
          {t.search}
        </Button>
      </form>
      {Object.keys(errors).length > 0 && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t.invalid}</MessageBarBody>
        </MessageBar>
      )}
      <WhenLoaded load={result} loading={t.searching}>
        {({ messages, next }) =>
          messages.length === 0 ? (
            <p role="status">{t.none}</p>
          ) : (
            <>
              <DataTable
                label={t.results}
                className={styles.table}
                rows={messages}
                rowKey={(m) => m.id}
                rowProps={(m) => ({ 'data-message-id': m.id })}
                columns={[
                  {
                    key: 'date',
                    header: t.columns.date,
                    cell: (m) => formatWhen(m.createdAt),
                    className: styles.nowrap,
                  },
                  { key: 'sender', header: t.columns.sender, cell: (m) => m.sender },
                  {
                    key: 'classification',
                    header: t.columns.classification,
                    cell: (m) => m.classification,
                  },
                  {
                    key: 'recipients',
                    header: t.columns.recipients,
                    cell: (m) =>
                      m.recipients.map((r) => `${r.address} (${t.states[r.state]})`).join(', '),
                  },
                  {
                    key: 'open',
                    header: t.columns.open,
                    cell: (m) => (
                      <Button
                        size="small"
                        aria-label={t.details(formatWhen(m.createdAt))}
                        aria-expanded={open === m.id}
                        onClick={() => setOpen(open === m.id ? null : m.id)}
                      >
                        {t.columns.open}
                      </Button>
                    ),
                  },
                ]}
              />
              {next && (
                <Button className={styles.more} onClick={() => void run(next)}>
                  {t.more}
                </Button>
              )}
            </>
          )
        }
      </WhenLoaded>
      {open && (
        <div className={styles.detail}>
          <MessageDetail key={open} id={open} t={t} onClose={() => setOpen(null)} />
        </div>
      )}
    </>
  );
}
