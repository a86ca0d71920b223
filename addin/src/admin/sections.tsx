import type { ReactNode } from 'react';
import type { Language } from '../common/i18n';
import { ClassificationsSection } from './classifications/classifications-section';
import { BrandingSection } from './branding/branding-section';
import { EventLogSection } from './event-log/event-log-section';
import { OutboxSection } from './outbox-section';
import { OverviewSection } from './overview/overview-section';
import { PolicySection } from './policy/policy-section';
import { RulesSection } from './rules/rules-section';
import { SmartTlsSection } from './smarttls/smarttls-section';
import { SmsSection } from './sms-section';
import { TrackingSection } from './tracking/tracking-section';

/**
 * The admin sections, in nav order; each has its own path under /admin and a label in both
 * languages. A section is its own file(s) under addin/src/admin/ and joins with one line here.
 */
export interface AdminSection {
  id: string;
  label: Record<Language, string>;
  path: string;
  render: () => ReactNode;
}

export const ADMIN_SECTIONS: AdminSection[] = [
  {
    id: 'overview',
    label: { en: 'Overview', nl: 'Overzicht' },
    path: '/admin/overview',
    render: () => <OverviewSection />,
  },
  {
    id: 'outbox',
    label: { en: 'Outbox', nl: 'Uitgaande mail' },
    path: '/admin/outbox',
    render: () => <OutboxSection />,
  },
  {
    id: 'sms',
    label: { en: 'SMS outbox', nl: 'Uitgaande sms' },
    path: '/admin/sms',
    render: () => <SmsSection />,
  },
  {
    id: 'rules',
    label: { en: 'Mail-flow rules', nl: 'Mailstroomregels' },
    path: '/admin/rules',
    render: () => <RulesSection />,
  },
  {
    id: 'policy',
    label: { en: 'Policy', nl: 'Beleid' },
    path: '/admin/policy',
    render: () => <PolicySection />,
  },
  {
    id: 'classifications',
    label: { en: 'Classifications', nl: 'Classificaties' },
    path: '/admin/classifications',
    render: () => <ClassificationsSection />,
  },
  {
    id: 'tracking',
    label: { en: 'Message tracking', nl: 'Berichten volgen' },
    path: '/admin/messages',
    render: () => <TrackingSection />,
  },
  {
    id: 'events',
    label: { en: 'Event log', nl: 'Gebeurtenissenlog' },
    path: '/admin/events',
    render: () => <EventLogSection />,
  },
  {
    id: 'smarttls',
    label: { en: 'SmartTLS', nl: 'SmartTLS' },
    path: '/admin/smarttls',
    render: () => <SmartTlsSection />,
  },
  {
    id: 'branding',
    label: { en: 'Branding', nl: 'Huisstijl' },
    path: '/admin/branding',
    render: () => <BrandingSection />,
  },
];

/**
 * The section a path shows: /admin itself shows the first one; a path that no section owns shows
 * none (undefined), so the shell can say so instead of quietly showing another page.
 */
export function sectionForPath(
  pathname: string,
  sections = ADMIN_SECTIONS,
): AdminSection | undefined {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/admin' || path === '') return sections[0];
  return sections.find((s) => path === s.path || path.startsWith(`${s.path}/`));
}
