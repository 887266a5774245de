import { createTheme, MantineProvider } from '@mantine/core';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './api.ts';
import { HOME, SECTIONS } from './nav.ts';
import { PageLoader } from './query-state.tsx';
import { ME_KEY, SessionGate } from './session.tsx';
import { Shell } from './shell.tsx';

const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic UI", Meiryo, sans-serif',
  defaultRadius: 'md',
  headings: { fontWeight: '700' },
});

const client: QueryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 15_000 } },
  queryCache: new QueryCache({
    // An expired session anywhere sends the user back to the login page.
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== ME_KEY[0]) {
        void client.invalidateQueries({ queryKey: ME_KEY });
      }
    },
  }),
});

export function App() {
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={client}>
        <BrowserRouter>
          <SessionGate>
            <Shell>
              <Suspense fallback={<PageLoader />}>
                <Routes>
                  <Route path="/" element={<Navigate to={HOME} replace />} />
                  {SECTIONS.flatMap((s) => s.routes).map((r) => (
                    <Route key={r.path} path={r.path} element={<r.page />} />
                  ))}
                  <Route path="*" element={<Navigate to={HOME} replace />} />
                </Routes>
              </Suspense>
            </Shell>
          </SessionGate>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
