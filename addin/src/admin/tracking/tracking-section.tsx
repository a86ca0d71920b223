import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { RECIPIENT_STATES, type TrackedMessage } from '@zegel/shared';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../common/api-client';
import { useAdminTexts } from '../admin-language';
import { LoadProblem } from '../load-problem';
import { ScrollArea } from '../scroll-area';
import { SectionHeader } from '../section-header';
import { formatWhen } from '../when';
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

type Result =
  | { kind: 'none' }
  | { kind: 'searching' }
  | { kind: 'done'; messages: TrackedMessage[]; next: string | null }
  | { kind: 'failed'; error: unknown };

/** Message tracking: search with filters, page through the results, open one message. */
export function TrackingSection() {
  const t = useAdminTexts(TRACKING_TEXTS);
  const styles = useStyles();
  const [filters, setFilters] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Result>({ kind: 'none' });
  const [open, setOpen] = useState<string | null>(null);

  const run = async (cursor?: string) => {
    const before = result.kind === 'done' && cursor ? result.messages : [];
    if (!cursor) setResult({ kind: 'searching' });
    try {
      const page = await trackingApi.search(filters, cursor);
      setErrors({});
      setResult({ kind: 'done', messages: [...before, ...page.messages], next: page.next });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.details) {
        setErrors(Object.fromEntries(error.details.map((d) => [d.path, d.message])));
        setResult({ kind: 'none' });
      } else setResult({ kind: 'failed', error });
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
      {result.kind === 'searching' && <Spinner label={t.searching} />}
      {result.kind === 'failed' && <LoadProblem error={result.error} />}
      {result.kind === 'done' && result.messages.length === 0 && <p role="status">{t.none}</p>}
      {result.kind === 'done' && result.messages.length > 0 && (
        <>
          <ScrollArea label={t.results}>
            <Table aria-label={t.results} size="small" className={styles.table}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t.columns.date}</TableHeaderCell>
                  <TableHeaderCell>{t.columns.sender}</TableHeaderCell>
                  <TableHeaderCell>{t.columns.classification}</TableHeaderCell>
                  <TableHeaderCell>{t.columns.recipients}</TableHeaderCell>
                  <TableHeaderCell>{t.columns.open}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {result.messages.map((m) => (
                  <TableRow key={m.id} data-message-id={m.id}>
                    <TableCell className={styles.nowrap}>{formatWhen(m.createdAt)}</TableCell>
                    <TableCell>{m.sender}</TableCell>
                    <TableCell>{m.classification}</TableCell>
                    <TableCell>
                      {m.recipients.map((r) => `${r.address} (${t.states[r.state]})`).join(', ')}
                    </TableCell>
                    <TableCell>
                      <Button
                        size="small"
                        aria-label={t.details(formatWhen(m.createdAt))}
                        aria-expanded={open === m.id}
                        onClick={() => setOpen(open === m.id ? null : m.id)}
                      >
                        {t.columns.open}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollArea>
          {result.next && (
            <Button className={styles.more} onClick={() => void run(result.next!)}>
              {t.more}
            </Button>
          )}
        </>
      )}
      {open && (
        <div className={styles.detail}>
          <MessageDetail key={open} id={open} t={t} onClose={() => setOpen(null)} />
        </div>
      )}
    </>
  );
}
