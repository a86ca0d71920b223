import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { EVIDENCE_EVENT_TYPES, type AdminEventsPage, type EvidenceEventView } from '@zegel/shared';
import { useEffect, useState } from 'react';
import { ApiError, requestJson } from '../../common/api-client';
import { useAdminTexts } from '../admin-language';
import { DataTable } from '../data-table';
import { LoadProblem } from '../load-problem';
import { SectionHeader } from '../section-header';
import { formatWhen } from '../when';
import {
  eventsQuery,
  NO_FILTERS,
  toCsv,
  type EventFilters,
  type EventKind,
} from './event-log.model';
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
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  older: { marginTop: tokens.spacingVerticalM },
});

/** The most events an export reads; a longer log is for the SOC's export through the API. */
const MAX_EXPORT = 20_000;
const PAGE = 200;

type Listing =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'done'; events: EvidenceEventView[]; total: number; next: string | null };

const page = (f: EventFilters, limit: number, before?: string | null) =>
  requestJson<AdminEventsPage>(`/api/v1/admin/events?${eventsQuery(f, limit, before)}`);

/** Every event the filters match, newest first, up to MAX_EXPORT; each verified by the server. */
async function allMatching(f: EventFilters): Promise<EvidenceEventView[]> {
  const events: EvidenceEventView[] = [];
  let before: string | null = null;
  do {
    const next: AdminEventsPage = await page(f, 1000, before);
    events.push(...next.events);
    before = next.next;
  } while (before && events.length < MAX_EXPORT);
  return events.slice(0, MAX_EXPORT);
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Admin changes and evidence, filtered on the server, with exports of what the filters match. */
export function EventLogSection() {
  const t = useAdminTexts(EVENT_LOG_TEXTS);
  const styles = useStyles();
  const [draft, setDraft] = useState<EventFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<EventFilters>(NO_FILTERS);
  const [round, setRound] = useState(0);
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    setListing({ status: 'loading' });
    page(applied, PAGE).then(
      (p) => {
        if (!current) return;
        setFieldErrors({});
        setListing({ status: 'done', events: p.events, total: p.total, next: p.next });
      },
      (error: unknown) => {
        if (!current) return;
        if (
          error instanceof ApiError &&
          error.code === 'VALIDATION_FAILED' &&
          error.details.length
        ) {
          setFieldErrors(Object.fromEntries(error.details.map((d) => [d.path, d.message])));
          setListing({ status: 'done', events: [], total: 0, next: null });
        } else setListing({ status: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
  }, [applied, round]);

  const apply = (next: EventFilters) => {
    setDraft(next);
    setApplied(next);
    setRound((r) => r + 1);
  };
  const set = (key: keyof EventFilters) => (_e: unknown, d: { value: string }) =>
    setDraft((f) => ({ ...f, [key]: d.value }));
  const older = async () => {
    if (listing.status !== 'done' || !listing.next) return;
    try {
      const more = await page(applied, PAGE, listing.next);
      setListing({ ...listing, events: [...listing.events, ...more.events], next: more.next });
    } catch (error) {
      setListing({ status: 'failed', error });
    }
  };
  const exportAs = async (format: 'csv' | 'json') => {
    setExporting(true);
    setExportError(null);
    try {
      const events = await allMatching(applied);
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      if (format === 'csv') download(`zegel-events-${stamp}.csv`, 'text/csv', toCsv(events));
      else
        download(`zegel-events-${stamp}.json`, 'application/json', JSON.stringify(events, null, 2));
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };
  const broken = (error: unknown) =>
    error instanceof ApiError && error.code === 'INTEGRITY_FAILURE';
  const fieldProps = (path: string) =>
    fieldErrors[path]
      ? { validationMessage: fieldErrors[path], validationState: 'error' as const }
      : {};
  const problem = listing.status === 'failed' ? listing.error : exportError;

  return (
    <>
      <SectionHeader title={t.title} intro={t.intro} onRefresh={() => setRound((r) => r + 1)} />
      <form
        className={styles.filters}
        aria-label={t.filters}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <Field label={t.kind} {...fieldProps('type')}>
          <Select
            value={draft.kind}
            onChange={(_e, d) => apply({ ...draft, kind: d.value as EventKind })}
          >
            {(['all', 'admin', 'evidence'] as const).map((k) => (
              <option key={k} value={k}>
                {t.kinds[k]}
              </option>
            ))}
            <optgroup label={t.oneType}>
              {EVIDENCE_EVENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </optgroup>
          </Select>
        </Field>
        <Field label={t.actor} {...fieldProps('actor')}>
          <Input value={draft.actor} onChange={set('actor')} />
        </Field>
        <Field label={t.messageId} {...fieldProps('messageId')}>
          <Input value={draft.messageId} onChange={set('messageId')} />
        </Field>
        <Field label={t.from} {...fieldProps('from')}>
          <Input type="date" value={draft.from} onChange={set('from')} />
        </Field>
        <Field label={t.to} {...fieldProps('to')}>
          <Input type="date" value={draft.to} onChange={set('to')} />
        </Field>
        <div className={styles.actions}>
          <Button appearance="primary" type="submit">
            {t.apply}
          </Button>
          <Button type="button" onClick={() => apply(NO_FILTERS)}>
            {t.clear}
          </Button>
        </div>
      </form>
      {listing.status === 'loading' && <Spinner label={t.loading} />}
      {broken(problem) && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.brokenTitle}</MessageBarTitle>
            {(problem as ApiError).message}
          </MessageBarBody>
        </MessageBar>
      )}
      {problem !== null && !broken(problem) && <LoadProblem error={problem} />}
      {listing.status === 'done' && (
        <>
          {listing.events.length > 0 && (
            <MessageBar intent="success" layout="multiline" data-testid="chain-verified">
              <MessageBarBody>
                <MessageBarTitle>{t.verifiedTitle}</MessageBarTitle>
                {t.verified(listing.events.length)}
              </MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.bar}>
            <span role="status">{t.shown(listing.events.length, listing.total)}</span>
            <Button disabled={!listing.total || exporting} onClick={() => void exportAs('csv')}>
              {t.exportCsv}
            </Button>
            <Button disabled={!listing.total || exporting} onClick={() => void exportAs('json')}>
              {t.exportJson}
            </Button>
            {exporting && <Spinner size="tiny" label={t.exporting} />}
          </div>
          {listing.total > MAX_EXPORT && <p>{t.truncated(MAX_EXPORT)}</p>}
          {listing.events.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <DataTable
              label={t.table}
              className={styles.table}
              rows={listing.events}
              rowKey={(e) => e.id}
              rowProps={(e) => ({ 'data-event-type': e.type })}
              columns={[
                { key: 'seq', header: t.columns.seq, cell: (e) => e.seq },
                {
                  key: 'time',
                  header: t.columns.time,
                  cell: (e) => formatWhen(e.time),
                  className: styles.nowrap,
                },
                { key: 'type', header: t.columns.type, cell: (e) => e.type },
                { key: 'actor', header: t.columns.actor, cell: (e) => e.actor },
                {
                  key: 'subject',
                  header: t.columns.subject,
                  cell: (e) => [e.messageId, e.recipient].filter(Boolean).join(' · ') || '—',
                  className: styles.subject,
                },
                {
                  key: 'detail',
                  header: t.columns.detail,
                  cell: (e) => e.reason ?? '',
                  className: styles.detail,
                },
              ]}
            />
          )}
          {listing.next && (
            <Button className={styles.older} onClick={() => void older()}>
              {t.loadOlder}
            </Button>
          )}
        </>
      )}
    </>
  );
}
