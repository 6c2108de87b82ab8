// The app itself, rendered into #root. Loaded by the boot script (main.tsx) once it has started the early requests.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { LocaleProvider } from './i18n/locale-context.tsx';

function mount() {
  const root = document.getElementById('root');
  if (root)
    createRoot(root).render(
      <StrictMode>
        <LocaleProvider>
          <App />
        </LocaleProvider>
      </StrictMode>,
    );
}

// the boot script is async: the page may, in principle, still be being read
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
else mount();
