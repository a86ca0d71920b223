import { makeStyles, tokens } from '@fluentui/react-components';
import type { OverviewDay } from '@zegel/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { countAxis, labelEvery } from './chart-scale';
import { visuallyHidden } from './visually-hidden';

/*
 * Own SVG rather than a charting library: the charts here are a stacked bar per day and a few
 * meters, and the libraries that draw them (Recharts, Chart.js, Nivo) weigh 50–150 kB gzipped and
 * draw on canvas or leave the text alternative to us anyway. Colours are Fluent tokens, so the
 * chart follows light and dark; the routes differ in pattern and position as well as colour, and
 * the figures are in a table that screen readers read instead of the drawing.
 */

const HEIGHT = 220;
const MARGIN = { top: 12, right: 8, bottom: 28, left: 36 };

const useStyles = makeStyles({
  figure: { margin: 0, minWidth: 0 },
  // Hidden overflow lets the box shrink below the drawing, so a narrower window redraws it.
  plot: { width: '100%', minWidth: 0, overflow: 'hidden' },
  grid: { stroke: tokens.colorNeutralStroke2, strokeWidth: 1 },
  axis: { stroke: tokens.colorNeutralStrokeAccessible, strokeWidth: 1 },
  label: { fill: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  pickup: { fill: tokens.colorBrandForeground1 },
  directLine: { stroke: tokens.colorPaletteGreenForeground1, strokeWidth: 3 },
  directFrame: { fill: 'none', stroke: tokens.colorPaletteGreenForeground1, strokeWidth: 1.5 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: `${tokens.spacingVerticalS} 0 0`,
    padding: 0,
    listStyle: 'none',
  },
  legendItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  hidden: visuallyHidden,
});

/** The width an element gets from the layout, followed as it changes. */
function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** The hatched fill of the direct route: a pattern, so the routes differ without colour too. */
function DirectPattern({ id }: { id: string }) {
  const styles = useStyles();
  return (
    <pattern
      id={id}
      width="6"
      height="6"
      patternUnits="userSpaceOnUse"
      patternTransform="rotate(45)"
    >
      <line x1="0" y1="0" x2="0" y2="6" className={styles.directLine} />
    </pattern>
  );
}

function Swatch({ kind, patternId }: { kind: 'direct' | 'pickup'; patternId: string }) {
  const styles = useStyles();
  return (
    <svg width="16" height="16" aria-hidden="true" focusable="false">
      {kind === 'direct' && (
        <defs>
          <DirectPattern id={patternId} />
        </defs>
      )}
      {kind === 'pickup' ? (
        <rect width="16" height="16" className={styles.pickup} />
      ) : (
        <>
          <rect width="16" height="16" fill={`url(#${patternId})`} />
          <rect x="0.75" y="0.75" width="14.5" height="14.5" className={styles.directFrame} />
        </>
      )}
    </svg>
  );
}

export interface RouteChartTexts {
  title: string;
  summary: string;
  direct: string;
  pickup: string;
  day: string;
}

/**
 * Messages per day as stacked bars, pickup below and direct (hatched) above, with a legend; the
 * same figures as a table for screen readers.
 */
export function RouteChart(props: { days: OverviewDay[]; texts: RouteChartTexts; locale: string }) {
  const { days, texts: t, locale } = props;
  const styles = useStyles();
  const [box, width] = useWidth<HTMLDivElement>();
  const patternId = `direct-${useId().replace(/:/g, '')}`;
  const legendPatternId = `${patternId}-legend`;
  const dayLabel = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const label = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));
  const { top, ticks } = countAxis(Math.max(0, ...days.map((d) => d.direct + d.pickup)));
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = days.length ? plotWidth / days.length : 0;
  const bar = Math.max(2, Math.min(32, slot * 0.7));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const every = labelEvery(days.length, plotWidth);

  return (
    <figure className={styles.figure} aria-labelledby={`${patternId}-title`}>
      <figcaption id={`${patternId}-title`} className={styles.hidden}>
        {t.title}
      </figcaption>
      <p>{t.summary}</p>
      <div ref={box} className={styles.plot} data-testid="route-chart">
        {width > 0 && (
          <svg width={width} height={HEIGHT} aria-hidden="true" focusable="false">
            <defs>
              <DirectPattern id={patternId} />
            </defs>
            {ticks.map((tick) => (
              <g key={tick}>
                <line
                  x1={MARGIN.left}
                  x2={width - MARGIN.right}
                  y1={y(tick)}
                  y2={y(tick)}
                  className={tick === 0 ? styles.axis : styles.grid}
                />
                <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" className={styles.label}>
                  {tick}
                </text>
              </g>
            ))}
            {days.map((d, i) => {
              const x = MARGIN.left + i * slot + (slot - bar) / 2;
              return (
                <g key={d.day}>
                  <title>{`${label(d.day)}: ${t.pickup} ${d.pickup}, ${t.direct} ${d.direct}`}</title>
                  {d.pickup > 0 && (
                    <rect
                      x={x}
                      y={y(d.pickup)}
                      width={bar}
                      height={y(0) - y(d.pickup)}
                      className={styles.pickup}
                    />
                  )}
                  {d.direct > 0 && (
                    <>
                      {/* A gap of one pixel keeps the two stacked routes apart. */}
                      <rect
                        x={x}
                        y={y(d.pickup + d.direct)}
                        width={bar}
                        height={Math.max(0, y(d.pickup) - y(d.pickup + d.direct) - 1)}
                        fill={`url(#${patternId})`}
                      />
                      <rect
                        x={x + 0.75}
                        y={y(d.pickup + d.direct) + 0.75}
                        width={Math.max(0, bar - 1.5)}
                        height={Math.max(0, y(d.pickup) - y(d.pickup + d.direct) - 2.5)}
                        className={styles.directFrame}
                      />
                    </>
                  )}
                  {(days.length - 1 - i) % every === 0 && (
                    <text
                      x={MARGIN.left + i * slot + slot / 2}
                      y={HEIGHT - 8}
                      textAnchor="middle"
                      className={styles.label}
                    >
                      {label(d.day)}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        )}
      </div>
      <ul className={styles.legend} aria-hidden="true">
        <li className={styles.legendItem}>
          <Swatch kind="pickup" patternId={legendPatternId} />
          {t.pickup}
        </li>
        <li className={styles.legendItem}>
          <Swatch kind="direct" patternId={legendPatternId} />
          {t.direct}
        </li>
      </ul>
      <table className={styles.hidden} aria-label={t.title}>
        <thead>
          <tr>
            <th scope="col">{t.day}</th>
            <th scope="col">{t.pickup}</th>
            <th scope="col">{t.direct}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day} data-day={d.day}>
              <th scope="row">{label(d.day)}</th>
              <td>{d.pickup}</td>
              <td>{d.direct}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
