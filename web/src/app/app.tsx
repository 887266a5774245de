import { createTheme, MantineProvider, Modal, MultiSelect, PasswordInput, Select } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { en } from '../i18n/en.ts';
import { ja } from '../i18n/ja.ts';
import { homeFor, preloadPage, SECTIONS } from './nav.ts';
import { queryClient } from './query-client.ts';
import { PageLoader } from './query-state.tsx';
import { SessionGate, useSession } from './session.tsx';
import { Shell } from './shell.tsx';

const FONT =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic UI", Meiryo, sans-serif';

/** Mantine with Baton's look, and its built-in buttons labelled in the user's language. */
function Theme({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const theme = useMemo(() => {
    const m = i18n.language === 'en' ? en : ja;
    return createTheme({
      primaryColor: 'indigo',
      fontFamily: FONT,
      defaultRadius: 'md',
      headings: { fontWeight: '700' },
      components: {
        Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': m.common.close } } }),
        PasswordInput: PasswordInput.extend({
          defaultProps: { visibilityToggleButtonProps: { 'aria-label': m.common.togglePassword } },
        }),
        Select: Select.extend({ defaultProps: { clearButtonProps: { 'aria-label': m.common.clear } } }),
        MultiSelect: MultiSelect.extend({
          defaultProps: { clearButtonProps: { 'aria-label': m.common.clear } },
        }),
      },
    });
  }, [i18n.language]);
  return <MantineProvider theme={theme}>{children}</MantineProvider>;
}

if (window.location.pathname !== '/') preloadPage(window.location.pathname);

/** The start page of the signed-in user's role. */
function Home() {
  const { user } = useSession();
  return <Navigate to={homeFor(user.roles.map((r) => r.role))} replace />;
}

export function App() {
  return (
    <Theme>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionGate>
            <Shell>
              <Suspense fallback={<PageLoader />}>
                <Routes>
                  <Route path="/" element={<Home />} />
                  {SECTIONS.flatMap((s) => s.routes).map((r) => (
                    <Route key={r.path} path={r.path} element={<r.page />} />
                  ))}
                  <Route path="*" element={<Home />} />
                </Routes>
              </Suspense>
            </Shell>
          </SessionGate>
        </BrowserRouter>
      </QueryClientProvider>
    </Theme>
  );
}
