import { Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { PolicyPreflightResponse, PolicyPreflightRow } from '@zegel/shared';
import { useFocusOnMount } from '../../common/use-focus-on-mount';
import { useTexts } from '../admin-language';
import { DataTable } from '../data-table';
import { POLICY_TEXTS, type PolicyTexts } from './policy.texts';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalM },
  heading: { ...typographyStyles.subtitle1, margin: 0 },
  table: { tableLayout: 'auto', minWidth: '640px' },
});

const routeText = (t: PolicyTexts, side: PolicyPreflightRow['before']) =>
  `${t.routes[side.route]} (${t.reasons[side.code] ?? side.code})`;

/** What a proposed policy would change for the recipient domains of recent messages. */
export function PolicyPreflight({
  result,
  names,
}: {
  result: PolicyPreflightResponse;
  /** Classification names in the admin's language, by id. */
  names: Record<string, string>;
}) {
  const styles = useStyles();
  const t = useTexts(POLICY_TEXTS);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const changed = result.rows.filter((r) => r.changed);
  return (
    <section className={styles.root} aria-labelledby="policy-effect" data-testid="policy-effect">
      <h2 id="policy-effect" className={styles.heading} ref={headingRef} tabIndex={-1}>
        {t.effect}
      </h2>
      <Text>
        {changed.length === 0
          ? t.effectNone(result.domains)
          : t.effectSome(changed.length, result.domains)}
      </Text>
      {changed.length > 0 && (
        <DataTable
          label={t.effectTable}
          className={styles.table}
          rows={changed}
          rowKey={(r) => `${r.domain}/${r.classification}`}
          rowProps={(r) => ({
            'data-domain': r.domain,
            'data-change': `${r.before.route}→${r.after.route}`,
          })}
          columns={[
            { key: 'domain', header: t.columns.domain, cell: (r) => r.domain },
            {
              key: 'classification',
              header: t.columns.classification,
              cell: (r) => names[r.classification] ?? r.classification,
            },
            { key: 'verdict', header: t.columns.verdict, cell: (r) => t.verdicts[r.verdict] },
            { key: 'before', header: t.columns.before, cell: (r) => routeText(t, r.before) },
            { key: 'after', header: t.columns.after, cell: (r) => routeText(t, r.after) },
          ]}
        />
      )}
    </section>
  );
}
