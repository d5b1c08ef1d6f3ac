import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { setupI18n } from './i18n/i18n.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Translations are bundled, so this resolves at once; rendering waits to avoid a flash of keys.
await setupI18n();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
