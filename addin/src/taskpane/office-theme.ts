export type ThemeKind = 'light' | 'dark' | 'contrast';

/** Relative luminance (WCAG) of #rgb / #rrggbb; null when it does not parse. */
export function luminance(color: string): number | null {
  let hex = color.trim().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = [...hex].map((c) => c + c).join('');
  if (!/^[0-9a-f]{6}$/i.test(hex)) return null;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The Fluent theme that matches Outlook: high contrast when the system forces colours, else dark
 * or light after Office's body background, else the system preference (outside Office).
 */
export function themeKind(
  officeTheme: { bodyBackgroundColor: string } | null,
  media: { forcedColors: boolean; prefersDark: boolean },
): ThemeKind {
  if (media.forcedColors) return 'contrast';
  const l = officeTheme ? luminance(officeTheme.bodyBackgroundColor) : null;
  if (l !== null) return l < 0.4 ? 'dark' : 'light';
  return media.prefersDark ? 'dark' : 'light';
}
