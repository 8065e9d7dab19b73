import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AccountPage } from './account-page.tsx';

createRoot(document.querySelector('#account')!).render(
  <StrictMode>
    <AccountPage />
  </StrictMode>,
);
