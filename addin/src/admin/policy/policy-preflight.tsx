import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { PolicyPreflightResponse, PolicyPreflightRow } from '@zegel/shared';
import { useFocusOnMount } from '../../common/use-focus-on-mount';
import { useTexts } from '../admin-language';
import { ScrollArea } from '../scroll-area';
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
        <ScrollArea label={t.effectTable}>
          <Table aria-label={t.effectTable} size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.columns.domain}</TableHeaderCell>
                <TableHeaderCell>{t.columns.classification}</TableHeaderCell>
                <TableHeaderCell>{t.columns.verdict}</TableHeaderCell>
                <TableHeaderCell>{t.columns.before}</TableHeaderCell>
                <TableHeaderCell>{t.columns.after}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {changed.map((r) => (
                <TableRow
                  key={`${r.domain}/${r.classification}`}
                  data-domain={r.domain}
                  data-change={`${r.before.route}→${r.after.route}`}
                >
                  <TableCell>{r.domain}</TableCell>
                  <TableCell>{names[r.classification] ?? r.classification}</TableCell>
                  <TableCell>{t.verdicts[r.verdict]}</TableCell>
                  <TableCell>{routeText(t, r.before)}</TableCell>
                  <TableCell>{routeText(t, r.after)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollArea>
      )}
    </section>
  );
}
