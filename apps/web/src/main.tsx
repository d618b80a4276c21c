import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './app/provider';
import { AppRoutes, preloadSignedIn } from './app/routes';
import { firstViewRequests } from './app/first-view';
import { apiUrl, fetchEarly } from './lib/api-client';
import { loadContracts } from './lib/contracts';
import './styles.css';

// A dashboard address opened cold: ask for the session, the signed-in code and the first data
// at once, instead of one after the other as each piece of code arrives and asks for the next.
const firstView = firstViewRequests(window.location.pathname, window.location.search);
if (firstView.length > 0) {
  fetchEarly([apiUrl('/auth/me'), ...firstView]);
  // A chunk that fails here is fetched again, with retries, by the route that renders it.
  loadContracts().catch(() => undefined);
  preloadSignedIn().catch(() => undefined);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <AppProvider>
      <AppRoutes />
    </AppProvider>
  </StrictMode>,
);
