import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initialLanguage } from '../common/i18n';
import { AdminApp } from './admin-app';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AdminApp initial={initialLanguage()} />
  </StrictMode>,
);
