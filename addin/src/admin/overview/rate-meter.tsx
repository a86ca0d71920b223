import { Text, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalXS },
  head: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  value: { fontVariantNumeric: 'tabular-nums' },
  track: { fill: 'none', stroke: tokens.colorNeutralStrokeAccessible, strokeWidth: 1 },
  fill: { fill: tokens.colorBrandForeground1 },
  detail: { color: tokens.colorNeutralForeground2 },
});

/**
 * A share drawn as a bar in a frame, with the percentage and what it is a share of in words: the
 * words carry it all, so the drawing is hidden from screen readers.
 */
export function RateMeter(props: {
  label: string;
  rate: number | null;
  detail: string;
  none: string;
  locale: string;
}) {
  const styles = useStyles();
  const percent =
    props.rate === null
      ? props.none
      : new Intl.NumberFormat(props.locale, { style: 'percent', maximumFractionDigits: 0 }).format(
          props.rate,
        );
  return (
    <div className={styles.root} data-testid="rate-meter">
      <div className={styles.head}>
        <Text weight="semibold">{props.label}</Text>
        <Text weight="semibold" className={styles.value}>
          {percent}
        </Text>
      </div>
      <svg width="100%" height="14" aria-hidden="true" focusable="false">
        <rect x="0.5" y="0.5" width="99.5%" height="13" rx="2" className={styles.track} />
        {props.rate !== null && props.rate > 0 && (
          <rect
            x="2"
            y="2"
            width={`${Math.min(1, props.rate) * 99}%`}
            height="10"
            className={styles.fill}
          />
        )}
      </svg>
      <Text size={200} className={styles.detail}>
        {props.detail}
      </Text>
    </div>
  );
}
