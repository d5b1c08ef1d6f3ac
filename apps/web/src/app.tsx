import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense } from 'react';
import { RouterProvider } from 'react-router';
import { sessionQueryKey } from './api/auth.js';
import { ApiRequestError } from './api/client.js';
import { router } from './routes.js';
import { PageLoader } from './ui/query-state.js';
import { cssVariablesResolver, theme } from './ui/theme.js';

// A session that expired while the app was open sends the user back to the login page.
const signOutWhenUnauthenticated = (error: Error) => {
  if (error instanceof ApiRequestError && error.code === 'UNAUTHENTICATED')
    queryClient.setQueryData(sessionQueryKey, null);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signOutWhenUnauthenticated }),
  mutationCache: new MutationCache({ onError: signOutWhenUnauthenticated }),
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a dropped connection may.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiRequestError && error.status >= 400),
      refetchOnWindowFocus: true,
    },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={<PageLoader />}>
          <RouterProvider router={router} />
        </Suspense>
      </QueryClientProvider>
    </MantineProvider>
  );
}
