import './styles.scss';
import './i18n';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError } from './api/client';
import { ME_KEY } from './api/session';
import { AppRouter } from './App';

/** All server state lives in TanStack Query; a 401 anywhere means the session ended: show sign-in. */
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      if (isApiError(error, 401)) queryClient.setQueryData(ME_KEY, null);
    },
  }),
  defaultOptions: {
    queries: { staleTime: 10_000, retry: (count, error) => !isApiError(error) && count < 2 },
    mutations: {
      onError: (error) => {
        if (isApiError(error, 401)) queryClient.setQueryData(ME_KEY, null);
      },
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AppRouter />
    </QueryClientProvider>
  </StrictMode>,
);
