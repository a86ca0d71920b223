import type { ReactNode } from 'react';
import { BrandingSection } from './branding/branding-section';
import { EventLogSection } from './event-log/event-log-section';
import { OutboxSection } from './outbox-section';
import { SmsSection } from './sms-section';
import { TrackingSection } from './tracking/tracking-section';

/**
 * The admin sections, in nav order; each has its own path under /admin. Classifications, rules,
 * policy and events join this list as they are built.
 */
export interface AdminSection {
  id: string;
  label: string;
  path: string;
  render: () => ReactNode;
}

export const ADMIN_SECTIONS: AdminSection[] = [
  { id: 'outbox', label: 'Outbox', path: '/admin/outbox', render: () => <OutboxSection /> },
  { id: 'sms', label: 'SMS outbox', path: '/admin/sms', render: () => <SmsSection /> },
  {
    id: 'tracking',
    label: 'Message tracking',
    path: '/admin/messages',
    render: () => <TrackingSection />,
  },
  { id: 'events', label: 'Event log', path: '/admin/events', render: () => <EventLogSection /> },
  { id: 'branding', label: 'Branding', path: '/admin/branding', render: () => <BrandingSection /> },
];

/** The section a path shows; /admin and unknown paths show the first one. */
export function sectionForPath(pathname: string, sections = ADMIN_SECTIONS): AdminSection {
  const path = pathname.replace(/\/+$/, '');
  return sections.find((s) => path === s.path || path.startsWith(`${s.path}/`)) ?? sections[0];
}
