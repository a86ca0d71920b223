import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
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
import type { EventsPage, EvidenceEventView } from '@zegel/shared';
import { useMemo, useState } from 'react';
import { ApiError, requestJson } from '../../common/api-client';
import { useLoad } from '../../common/use-load';
import { useAdminTexts } from '../admin-language';
import { LoadProblem } from '../load-problem';
import { ScrollArea } from '../scroll-area';
import { SectionHeader } from '../section-header';
import { formatWhen } from '../when';
import { filterEvents, toCsv, type EventFilters, type EventKind } from './event-log.model';
import { EVENT_LOG_TEXTS } from './event-log.texts';

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: 'minmax(0, 1fr)',
    marginBottom: tokens.spacingVerticalL,
    '@media (min-width: 700px)': { gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' },
  },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    margin: `${tokens.spacingVerticalM} 0`,
  },
  table: { tableLayout: 'auto', minWidth: '720px' },
  nowrap: { whiteSpace: 'nowrap' },
  subject: { overflowWrap: 'anywhere', minWidth: '10em' },
  detail: { overflowWrap: 'anywhere', minWidth: '20em' },
});

/** The most events read into the page; a longer log is for the SOC's export through the API. */
const MAX_EVENTS = 20_000;
const MAX_ROWS = 500;

/** Reads the log page by page; the server verifies every page link by link before answering. */
async function loadLog(): Promise<EvidenceEventView[]> {
  const events: EvidenceEventView[] = [];
  let after = '0';
  while (events.length < MAX_EVENTS) {
    const page = await requestJson<EventsPage>(`/api/v1/events?after=${after}&limit=1000`);
    events.push(...page.events);
    if (page.events.length < 1000 || !page.next) break;
    after = page.next;
  }
  return events;
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Admin changes and evidence with filters, exports, and what the verification established. */
export function EventLogSection() {
  const t = useAdminTexts(EVENT_LOG_TEXTS);
  const styles = useStyles();
  const [log, reload] = useLoad(loadLog);
  const [filters, setFilters] = useState<EventFilters>({
    kind: 'all',
    actor: '',
    messageId: '',
    from: '',
    to: '',
  });
  const shown = useMemo(
    () => (log.status === 'done' ? filterEvents(log.data, filters) : []),
    [log, filters],
  );
  const set = (key: keyof EventFilters) => (_e: unknown, d: { value: string }) =>
    setFilters((f) => ({ ...f, [key]: d.value }));
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const broken =
    log.status === 'failed' &&
    log.error instanceof ApiError &&
    log.error.code === 'INTEGRITY_FAILURE';

  return (
    <>
      <SectionHeader title={t.title} intro={t.intro} onRefresh={reload} />
      <form className={styles.filters} aria-label={t.filters} onSubmit={(e) => e.preventDefault()}>
        <Field label={t.kind}>
          <Select
            value={filters.kind}
            onChange={(_e, d) => setFilters((f) => ({ ...f, kind: d.value as EventKind }))}
          >
            {(['all', 'admin', 'evidence'] as const).map((k) => (
              <option key={k} value={k}>
                {t.kinds[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.actor}>
          <Input value={filters.actor} onChange={set('actor')} />
        </Field>
        <Field label={t.messageId}>
          <Input value={filters.messageId} onChange={set('messageId')} />
        </Field>
        <Field label={t.from}>
          <Input type="date" value={filters.from} onChange={set('from')} />
        </Field>
        <Field label={t.to}>
          <Input type="date" value={filters.to} onChange={set('to')} />
        </Field>
      </form>
      {log.status === 'loading' && <Spinner label={t.loading} />}
      {broken && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.brokenTitle}</MessageBarTitle>
            {(log.error as ApiError).message}
          </MessageBarBody>
        </MessageBar>
      )}
      {log.status === 'failed' && !broken && <LoadProblem error={log.error} />}
      {log.status === 'done' && (
        <>
          {log.data.length > 0 && (
            <MessageBar intent="success" layout="multiline" data-testid="chain-verified">
              <MessageBarBody>
                <MessageBarTitle>{t.verifiedTitle}</MessageBarTitle>
                {t.verified(log.data.length, log.data[0].seq, log.data[log.data.length - 1].seq)}
              </MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.bar}>
            <span role="status">{t.shown(shown.length, log.data.length)}</span>
            <Button
              disabled={!shown.length}
              onClick={() => download(`zegel-events-${stamp}.csv`, 'text/csv', toCsv(shown))}
            >
              {t.exportCsv}
            </Button>
            <Button
              disabled={!shown.length}
              onClick={() =>
                download(
                  `zegel-events-${stamp}.json`,
                  'application/json',
                  JSON.stringify(shown, null, 2),
                )
              }
            >
              {t.exportJson}
            </Button>
          </div>
          {shown.length > MAX_ROWS && <p>{t.truncated(MAX_ROWS)}</p>}
          {shown.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <ScrollArea label={t.table}>
              <Table aria-label={t.table} size="small" className={styles.table}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t.columns.seq}</TableHeaderCell>
                    <TableHeaderCell>{t.columns.time}</TableHeaderCell>
                    <TableHeaderCell>{t.columns.type}</TableHeaderCell>
                    <TableHeaderCell>{t.columns.actor}</TableHeaderCell>
                    <TableHeaderCell>{t.columns.subject}</TableHeaderCell>
                    <TableHeaderCell>{t.columns.detail}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {shown.slice(0, MAX_ROWS).map((e) => (
                    <TableRow key={e.id} data-event-type={e.type}>
                      <TableCell>{e.seq}</TableCell>
                      <TableCell className={styles.nowrap}>{formatWhen(e.time)}</TableCell>
                      <TableCell>{e.type}</TableCell>
                      <TableCell>{e.actor}</TableCell>
                      <TableCell className={styles.subject}>
                        {[e.messageId, e.recipient].filter(Boolean).join(' · ') || '—'}
                      </TableCell>
                      <TableCell className={styles.detail}>{e.reason ?? ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ScrollArea>
          )}
        </>
      )}
    </>
  );
}
