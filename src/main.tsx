import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createI18n } from './app/i18n';
import { browserStore } from './app/storage';

const store = browserStore();
const i18n = createI18n(store);
// Set before the first paint, so the page never announces itself in the wrong language.
document.documentElement.lang = i18n.language;

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App i18n={i18n} store={store} />
  </StrictMode>,
);
