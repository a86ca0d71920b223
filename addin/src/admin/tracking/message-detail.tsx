import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { RecipientState, RecipientStatus } from '@zegel/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../common/api-client';
import { useFocusOnMount } from '../../common/use-focus-on-mount';
import { useLoad } from '../../common/use-load';
import { DataTable } from '../data-table';
import { formatWhen } from '../when';
import { WhenLoaded } from '../when-loaded';
import { trackingApi } from './tracking-api';
import type { TrackingTexts } from './tracking.texts';

const useStyles = makeStyles({
  // One column that may shrink: the tables scroll inside it instead of widening the page.
  root: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalL,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalL,
  },
  head: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500 },
  table: { tableLayout: 'auto', minWidth: '640px' },
  nowrap: { whiteSpace: 'nowrap' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  reason: { overflowWrap: 'anywhere', minWidth: '20em' },
});

const WAITING: RecipientState[] = ['pending', 'notified', 'notification-failed', 'locked'];
/** Copies whose notification went out (or failed) and that nobody has opened: the server's rule. */
const RESENDABLE: RecipientState[] = ['notified', 'notification-failed'];

type Action = 'revoke' | 'newCode' | 'unlock' | 'resend';
type Outcome = { action: Action; ok: true; code?: string } | { ok: false; error: unknown };

/** One message for an admin: each recipient's state and route, the evidence, and the actions. */
export function MessageDetail(props: { id: string; t: TrackingTexts; onClose: () => void }) {
  const { t, id } = props;
  const styles = useStyles();
  const load = useCallback(() => trackingApi.detail(id), [id]);
  const [detail, reload] = useLoad(load);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const act = async (action: Action, copy?: RecipientStatus) => {
    if (!reason.trim()) {
      setReasonError(t.reasonRequired);
      return;
    }
    setReasonError(null);
    setBusy(true);
    try {
      let code: string | undefined;
      if (action === 'revoke') await trackingApi.revoke(id, reason.trim());
      if (action === 'newCode')
        code = (await trackingApi.newCode(id, copy!.address, reason.trim())).ceId;
      if (action === 'unlock') await trackingApi.unlock(id, copy!.address, reason.trim());
      if (action === 'resend') await trackingApi.resend(id, copy!.address, reason.trim());
      setOutcome({ action, ok: true, code });
      setReason('');
    } catch (error) {
      if (error instanceof ApiError && error.details?.some((d) => d.path === 'reason'))
        setReasonError(t.reasonRequired);
      setOutcome({ ok: false, error });
    } finally {
      setBusy(false);
      reload();
    }
  };

  return (
    <section className={styles.root} aria-labelledby={`detail-${id}`}>
      <div className={styles.head}>
        <h2 id={`detail-${id}`} ref={headingRef} tabIndex={-1} className={styles.heading}>
          {t.detailTitle}
          {detail.status === 'done'
            ? ` — ${detail.data.sender}, ${formatWhen(detail.data.createdAt)}`
            : ''}
        </h2>
        {detail.status === 'done' && (
          <Badge appearance="outline">{t.content[detail.data.content]}</Badge>
        )}
        <Button onClick={props.onClose}>{t.close}</Button>
      </div>
      <WhenLoaded load={detail} loading={t.loadingDetail}>
        {(data) => (
          <>
            <Field
              label={t.reason}
              hint={t.reasonHint}
              required
              validationMessage={reasonError ?? undefined}
              validationState={reasonError ? 'error' : 'none'}
            >
              <Textarea value={reason} maxLength={500} onChange={(_e, d) => setReason(d.value)} />
            </Field>
            <div ref={outcomeRef} tabIndex={-1}>
              {outcome?.ok && (
                <MessageBar intent="success" role="status">
                  <MessageBarBody>
                    {t.done[outcome.action]}
                    {outcome.code ? ` ${t.newCodeSender(outcome.code)}` : ''}
                  </MessageBarBody>
                </MessageBar>
              )}
              {outcome && !outcome.ok && (
                <MessageBar intent="error" role="alert" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>{t.actionFailed}</MessageBarTitle>
                    {outcome.error instanceof ApiError && outcome.error.status === 409
                      ? t.noLongerOpen
                      : outcome.error instanceof Error
                        ? outcome.error.message
                        : String(outcome.error)}
                  </MessageBarBody>
                </MessageBar>
              )}
            </div>
            <div className={styles.actions}>
              <Button
                appearance="primary"
                disabled={busy || !data.recipients.some((r) => WAITING.includes(r.state))}
                onClick={() => void act('revoke')}
              >
                {t.revoke}
              </Button>
            </div>
            <h3 className={styles.heading}>{t.copies}</h3>
            <DataTable
              label={t.copies}
              className={styles.table}
              rows={data.recipients}
              rowKey={(r) => r.address}
              columns={[
                { key: 'address', header: t.copyColumns.address, cell: (r) => r.address },
                { key: 'state', header: t.copyColumns.state, cell: (r) => t.states[r.state] },
                {
                  key: 'route',
                  header: t.copyColumns.route,
                  cell: (r) => t.routes[r.route] ?? r.route,
                },
                {
                  key: 'channel',
                  header: t.copyColumns.channel,
                  cell: (r) => t.channels[r.ceIdChannel] ?? r.ceIdChannel,
                },
                {
                  key: 'actions',
                  header: t.copyColumns.actions,
                  cell: (r) => (
                    <div className={styles.actions}>
                      {r.route === 'pickup' && WAITING.includes(r.state) && (
                        <Button size="small" disabled={busy} onClick={() => void act('newCode', r)}>
                          {t.newCode(r.address)}
                        </Button>
                      )}
                      {r.route === 'pickup' && RESENDABLE.includes(r.state) && (
                        <Button size="small" disabled={busy} onClick={() => void act('resend', r)}>
                          {t.resend(r.address)}
                        </Button>
                      )}
                      {r.state === 'locked' && (
                        <Button size="small" disabled={busy} onClick={() => void act('unlock', r)}>
                          {t.unlock(r.address)}
                        </Button>
                      )}
                    </div>
                  ),
                },
              ]}
            />
            <h3 className={styles.heading}>{t.timeline}</h3>
            <DataTable
              label={t.timeline}
              className={styles.table}
              rows={data.events}
              rowKey={(e) => e.id}
              rowProps={(e) => ({ 'data-event-type': e.type })}
              columns={[
                {
                  key: 'time',
                  header: t.timelineColumns.time,
                  cell: (e) => formatWhen(e.time),
                  className: styles.nowrap,
                },
                { key: 'event', header: t.timelineColumns.event, cell: (e) => e.type },
                { key: 'actor', header: t.timelineColumns.actor, cell: (e) => e.actor },
                {
                  key: 'recipient',
                  header: t.timelineColumns.recipient,
                  cell: (e) => e.recipient ?? '—',
                },
                {
                  key: 'reason',
                  header: t.timelineColumns.reason,
                  cell: (e) => e.reason ?? '',
                  className: styles.reason,
                },
              ]}
            />
          </>
        )}
      </WhenLoaded>
    </section>
  );
}
