import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initialLanguage } from '../common/i18n';
import { PickupApp } from './pickup-app';
import { tokenFromPath } from './pickup-api';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PickupApp token={tokenFromPath(window.location.pathname)} initial={initialLanguage()} />
  </StrictMode>,
);
