import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTexts } from '../admin-language';
import { formatWhen } from '../when';
import { MxFindingView } from './mx-finding-view';
import { ReasonList } from './reason-list';
import type { SmartTlsReport, Verdict } from './smarttls-report';
import { SMARTTLS_TEXTS } from './smarttls.texts';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
  heading: { marginTop: tokens.spacingVerticalXL, marginBottom: tokens.spacingVerticalS },
  reasons: { margin: `${tokens.spacingVerticalS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
  meta: {
    display: 'block',
    marginTop: tokens.spacingVerticalS,
    color: tokens.colorNeutralForeground3,
  },
});

const INTENT: Record<Verdict, 'success' | 'warning' | 'info'> = {
  direct: 'success',
  pickup: 'warning',
  defer: 'info',
};

/** The whole SmartTLS report of one domain: verdict and reasons, domain facts, every MX address. */
export function SmartTlsReportView({ report }: { report: SmartTlsReport }) {
  const t = useTexts(SMARTTLS_TEXTS);
  const styles = useStyles();
  const mxHosts = [...new Set(report.mx.map((m) => `${m.preference} ${m.host}`))];
  return (
    <article aria-labelledby="smarttls-report-title" data-testid="smarttls-report">
      <h2 id="smarttls-report-title" className={styles.heading}>
        {report.domain}
      </h2>
      <MessageBar intent={INTENT[report.verdict]} layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>{t.verdictTitle[report.verdict]}</MessageBarTitle>
          {t.verdictText[report.verdict]}
          {report.reasons.length > 0 && (
            <ReasonList reasons={report.reasons} className={styles.reasons} />
          )}
        </MessageBarBody>
      </MessageBar>
      <Text size={200} className={styles.meta}>
        {t.checkedAt(formatWhen(report.checkedAt), (report.durationMs / 1000).toFixed(1))}
      </Text>

      <h3 className={styles.heading}>{t.overview}</h3>
      <dl className={styles.facts}>
        <dt>{t.mxRecords}</dt>
        <dd>
          {t.mxSource[report.mxSource]}
          {mxHosts.length > 0 && `: ${mxHosts.join(', ')}`}
        </dd>
        <dt>{t.dnssec}</dt>
        <dd>{t.dnssecState(report.mxDnssec)}</dd>
        <dt>{t.policy}</dt>
        <dd>{t.policies[report.policy]}</dd>
        <dt>{t.mtaSts}</dt>
        <dd>{t.mtaStsState(report.mtaSts)}</dd>
        <dt>{t.nta7516}</dt>
        <dd>
          {t.ntaState(report.nta7516)}
          {report.nta7516.record && (
            <>
              <br />
              <code>{report.nta7516.record}</code>
            </>
          )}
        </dd>
      </dl>

      {report.mx.length > 0 && <h3 className={styles.heading}>{t.servers}</h3>}
      {report.mx.map((mx, i) => (
        <MxFindingView key={`${mx.host}-${mx.address ?? i}`} finding={mx} />
      ))}
    </article>
  );
}
