import { Badge, Button, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReadinessDomain, ReadinessList as ReadinessData } from '@zegel/shared';
import { useCallback, useEffect, useState } from 'react';
import { requestJson } from '../../common/api-client';
import { useLoad } from '../../common/use-load';
import { useAdminLanguage, useTexts } from '../admin-language';
import { formatWhen } from '../when';
import { READINESS_TEXTS } from './readiness.texts';
import { WhenLoaded } from '../when-loaded';

const PERIODS = [7, 30, 90] as const;
/** While checks are pending, the list asks again this often, a limited number of times. */
const RECHECK_MS = 5_000;
const MAX_RECHECKS = 24;

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalXXL },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  intro: { color: tokens.colorNeutralForeground2 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM },
  item: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  domain: { margin: 0, fontSize: tokens.fontSizeBase400, overflowWrap: 'anywhere' },
  facts: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    margin: 0,
    '@media (min-width: 700px)': { gridTemplateColumns: 'max-content minmax(0, 1fr)' },
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  advice: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  adviceItem: { marginBottom: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground2 },
  period: { maxWidth: '16em' },
});

const VERDICT_COLOUR = {
  direct: 'success',
  pickup: 'warning',
  defer: 'informative',
  pending: 'informative',
  failed: 'danger',
} as const;

function DomainItem(props: { d: ReadinessDomain; onReport: (domain: string) => void }) {
  const { d } = props;
  const t = useTexts(READINESS_TEXTS);
  const language = useAdminLanguage();
  const styles = useStyles();
  return (
    <li className={styles.item} data-domain={d.domain}>
      <h3 className={styles.domain}>{d.domain}</h3>
      <Text className={styles.muted}>
        {t.sent(d.copies, d.direct, d.pickup)}, {t.lastSent(formatWhen(d.lastSentAt))}
      </Text>
      <dl className={styles.facts}>
        <dt className={styles.term}>{t.routeNow}</dt>
        <dd className={styles.value}>
          <Badge appearance="outline" color={d.route === 'direct' ? 'success' : 'informative'}>
            {t.routes[d.route]}
          </Badge>
          <span>{t.routeReasons[d.routeReason.code] ?? d.routeReason.message}</span>
        </dd>
        <dt className={styles.term}>{t.verdict}</dt>
        <dd className={styles.value}>
          <Badge appearance="tint" color={VERDICT_COLOUR[d.verdict]} data-testid="verdict">
            {t.verdicts[d.verdict]}
          </Badge>
        </dd>
      </dl>
      {d.verdict === 'direct' && <Text>{t.nothingToFix}</Text>}
      {d.advice.length > 0 && (
        <>
          <Text weight="semibold">{t.fixTitle}</Text>
          <ul className={styles.advice} data-testid="advice">
            {d.advice.map((a) => (
              <li key={`${a.code}-${a.host ?? ''}`} className={styles.adviceItem}>
                {a.fix[language]}{' '}
                <span className={styles.muted}>
                  ({t.why}: {a.host ? `${a.host}: ` : ''}
                  {a.why[language]})
                </span>{' '}
                <Badge appearance="outline" color="informative">
                  {a.code}
                </Badge>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.advice.length === 0 && (d.verdict === 'pickup' || d.verdict === 'defer') && (
        <Text className={styles.muted}>{t.noAdvice}</Text>
      )}
      <div>
        <Button size="small" onClick={() => props.onReport(d.domain)}>
          {t.fullReport(d.domain)}
        </Button>
      </div>
    </li>
  );
}

/**
 * The domains the organisation sent to recently, each with its route now, its SmartTLS verdict
 * and what the recipient's IT department could change; checks still running are asked again.
 */
export function ReadinessList(props: { onReport: (domain: string) => void }) {
  const t = useTexts(READINESS_TEXTS);
  const styles = useStyles();
  const [days, setDays] = useState<number>(30);
  const load = useCallback(
    () => requestJson<ReadinessData>(`/api/v1/admin/smarttls/readiness?days=${days}`),
    [days],
  );
  const [list, reload] = useLoad(load);
  const [rechecks, setRechecks] = useState(0);
  const pending = list.status === 'done' && list.data.pending;
  useEffect(() => {
    if (!pending || rechecks >= MAX_RECHECKS) return;
    const timer = setTimeout(() => {
      setRechecks((n) => n + 1);
      reload();
    }, RECHECK_MS);
    return () => clearTimeout(timer);
  }, [pending, rechecks, reload]);

  return (
    <section className={styles.root} aria-labelledby="readiness-title">
      <h2 id="readiness-title" className={styles.heading}>
        {t.title}
      </h2>
      <Text className={styles.intro}>{t.intro}</Text>
      <Field label={t.period} className={styles.period}>
        <Select value={String(days)} onChange={(_e, d) => setDays(Number(d.value))}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t.periodDays(p)}
            </option>
          ))}
        </Select>
      </Field>
      <WhenLoaded load={list} loading={t.loading}>
        {(data) => (
          <>
            <div role="status">{pending ? t.checkingSome : ''}</div>
            {data.domains.length === 0 ? (
              <Text>{t.none}</Text>
            ) : (
              <ul className={styles.list} aria-label={t.list}>
                {data.domains.map((d) => (
                  <DomainItem key={d.domain} d={d} onReport={props.onReport} />
                ))}
              </ul>
            )}
          </>
        )}
      </WhenLoaded>
    </section>
  );
}
