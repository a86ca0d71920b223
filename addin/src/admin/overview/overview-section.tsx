import {
  Badge,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { AdminOverview } from '@zegel/shared';
import { useCallback, useState } from 'react';
import { useLoad } from '../../common/use-load';
import { useAdminLanguage, useTexts } from '../admin-language';
import { DataTable } from '../data-table';
import { SectionHeader } from '../section-header';
import { formatWhen } from '../when';
import { WhenLoaded } from '../when-loaded';
import { overviewApi } from './overview-api';
import { OVERVIEW_TEXTS, type OverviewTexts } from './overview.texts';
import { RateMeter } from './rate-meter';
import { RouteChart } from './route-chart';

const PERIODS = [7, 14, 30, 90] as const;

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gap: tokens.spacingHorizontalXXL,
    gridTemplateColumns: 'minmax(0, 1fr)',
    '@media (min-width: 1000px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)' },
  },
  wide: { '@media (min-width: 1000px)': { gridColumn: '1 / -1' } },
  panel: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    alignContent: 'start',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  stats: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(9em, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  stat: { display: 'grid', gap: tokens.spacingVerticalXXS },
  statValue: {
    margin: 0,
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontVariantNumeric: 'tabular-nums',
  },
  statLabel: { color: tokens.colorNeutralForeground2 },
  period: { minWidth: '12em' },
  facts: {
    margin: 0,
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0 },
  },
  fact: { overflowWrap: 'anywhere' },
});

function Stat({ label, value }: { label: string; value: string | number }) {
  const styles = useStyles();
  return (
    <div className={styles.stat}>
      <dt className={styles.statLabel}>{label}</dt>
      <dd className={styles.statValue}>{value}</dd>
    </div>
  );
}

function Certificate({
  data,
  t,
}: {
  data: AdminOverview['connectorCertificate'];
  t: OverviewTexts;
}) {
  const styles = useStyles();
  if (!data) return <Text>{t.certificateNone}</Text>;
  const intent = data.daysLeft < 7 ? 'danger' : data.daysLeft < 30 ? 'warning' : 'success';
  return (
    <>
      <div>
        <Badge size="large" appearance="tint" color={intent} data-testid="certificate-expiry">
          {data.daysLeft < 0 ? t.expired(data.daysLeft) : t.expiresIn(data.daysLeft)}
        </Badge>
      </div>
      <dl className={styles.facts}>
        <div className={styles.fact}>
          <dt>{t.validUntil}</dt>
          <dd>{formatWhen(data.notAfter)}</dd>
        </div>
        <div className={styles.fact}>
          <dt>{t.subject}</dt>
          <dd>{data.subject}</dd>
        </div>
        <div className={styles.fact}>
          <dt>{t.issuer}</dt>
          <dd>{data.issuer}</dd>
        </div>
      </dl>
      {data.development && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{t.development}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

function Body({ data, t, locale }: { data: AdminOverview; t: OverviewTexts; locale: string }) {
  const styles = useStyles();
  const total = (route: 'direct' | 'pickup') =>
    data.messagesPerDay.reduce((sum, d) => sum + d[route], 0);
  return (
    <div className={styles.grid}>
      <section className={`${styles.panel} ${styles.wide}`} aria-labelledby="overview-per-day">
        <h2 id="overview-per-day" className={styles.heading}>
          {t.perDayTitle}
        </h2>
        <RouteChart
          days={data.messagesPerDay}
          locale={locale}
          texts={{
            title: t.perDayTitle,
            summary: t.perDaySummary(total('direct'), total('pickup'), data.days),
            direct: t.direct,
            pickup: t.pickup,
            day: t.day,
          }}
        />
      </section>
      <section className={styles.panel} aria-labelledby="overview-rates">
        <h2 id="overview-rates" className={styles.heading}>
          {t.ratesTitle}
        </h2>
        <RateMeter
          label={t.pickupRate}
          rate={data.pickup.rate}
          detail={t.pickupRateOf(data.pickup.opened, data.pickup.copies)}
          none={t.noCopies}
          locale={locale}
        />
        <RateMeter
          label={t.acceptanceRate}
          rate={data.acceptance.rate}
          detail={t.acceptanceRateOf(
            data.acceptance.accepted,
            data.acceptance.opened,
            data.acceptance.declined,
          )}
          none={t.noCopies}
          locale={locale}
        />
      </section>
      <section className={styles.panel} aria-labelledby="overview-queue">
        <h2 id="overview-queue" className={styles.heading}>
          {t.queueTitle}
        </h2>
        <dl className={styles.stats} data-testid="queue">
          <Stat label={t.queued} value={data.queue.queued} />
          <Stat label={t.oldest} value={t.oldestAge(data.queue.oldestAgeSeconds)} />
          <Stat label={t.failedJobs} value={data.queue.failed} />
        </dl>
      </section>
      <section className={styles.panel} aria-labelledby="overview-failed">
        <h2 id="overview-failed" className={styles.heading}>
          {t.failedTitle}
        </h2>
        <Text data-testid="failed-count">{t.failedCount(data.failedDeliveries.count)}</Text>
        {data.failedDeliveries.latest.length > 0 && (
          <DataTable
            label={t.failedTable}
            rows={data.failedDeliveries.latest}
            rowKey={(f) => `${f.messageId}-${f.recipient}`}
            columns={[
              { key: 'when', header: t.columns.when, cell: (f) => formatWhen(f.at) },
              { key: 'recipient', header: t.columns.recipient, cell: (f) => f.recipient },
              {
                key: 'state',
                header: t.columns.state,
                cell: (f) => t.states[f.state] ?? f.state,
              },
              {
                key: 'message',
                header: t.columns.message,
                cell: (f) => f.messageId,
                className: styles.fact,
              },
            ]}
          />
        )}
      </section>
      <section className={styles.panel} aria-labelledby="overview-certificate">
        <h2 id="overview-certificate" className={styles.heading}>
          {t.certificateTitle}
        </h2>
        <Certificate data={data.connectorCertificate} t={t} />
      </section>
    </div>
  );
}

/** The first admin section: how mail went, as charts with their figures for screen readers. */
export function OverviewSection() {
  const t = useTexts(OVERVIEW_TEXTS);
  const language = useAdminLanguage();
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  const styles = useStyles();
  const [days, setDays] = useState<number>(14);
  const load = useCallback(() => overviewApi.get(days), [days]);
  const [overview, reload] = useLoad(load);
  return (
    <>
      <SectionHeader
        title={t.title}
        intro={t.intro}
        onRefresh={reload}
        actions={
          <Field label={t.period} orientation="horizontal" className={styles.period}>
            <Select value={String(days)} onChange={(_e, d) => setDays(Number(d.value))}>
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t.periodDays(p)}
                </option>
              ))}
            </Select>
          </Field>
        }
      />
      <WhenLoaded load={overview} loading={t.loading}>
        {(data) => <Body data={data} t={t} locale={locale} />}
      </WhenLoaded>
    </>
  );
}
