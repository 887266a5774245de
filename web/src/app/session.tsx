import { Center, Loader } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { applyLanguage, isLanguage, type Language } from '../i18n/i18n.ts';
import { ApiError, api } from './api.ts';
import { LoginPage } from './login-page.tsx';
import { ErrorState } from './query-state.tsx';

export interface User {
  id: string;
  version: number;
  email: string;
  displayName: string;
  locale: string | null;
  status: string;
  lastLoginAt: string | null;
  roles: { role: string; teamId: string | null; capacity: number | null }[];
  createdAt: string;
}

export interface Workspace {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  fiscalYearStartMonth: number;
  currency: string;
  locale: string;
  orgModel: string;
}

export interface Me {
  user: User;
  workspace: Workspace;
  /** Every workspace this email can sign in to, the current one included. */
  workspaces: { id: string; name: string; slug: string }[];
}

export const ME_KEY = ['me'] as const;

// The session check starts with the app's code, before React's first render.
let earlyMe: Promise<Me> | null = api<Me>('/me');
earlyMe.catch(() => undefined);
/** The session of this page load (null when signed out): pages prefetch their data with it. */
export const signedIn: Promise<Me | null> = earlyMe.then(
  (me) => me,
  () => null,
);
function fetchMe(): Promise<Me> {
  const pending = earlyMe ?? api<Me>('/me');
  earlyMe = null;
  return pending;
}
const SessionContext = createContext<Me | null>(null);

export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside SessionGate');
  return me;
}

/** The language a user sees: their own choice, else their workspace's. */
export function languageOf(me: Me): Language {
  if (isLanguage(me.user.locale)) return me.user.locale;
  return isLanguage(me.workspace.locale) ? me.workspace.locale : 'ja';
}

/** Renders its children for a signed-in user, the login page otherwise. */
export function SessionGate({ children }: { children: ReactNode }) {
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, retry: false, staleTime: 300_000 });
  useEffect(() => {
    if (me.data) applyLanguage(languageOf(me.data));
  }, [me.data]);
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="loading" />
      </Center>
    );
  }
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) return <LoginPage />;
    return (
      <Center h="100vh" p="xl">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}

/** Signs in to another workspace of the same email (its own password), then starts the app afresh there. */
export function useSwitchWorkspace() {
  const me = useSession();
  return useMutation({
    mutationFn: (input: { workspaceId: string; password: string }) =>
      api<unknown>('/auth/login', { method: 'POST', body: { email: me.user.email, ...input } }),
    onSuccess: () => window.location.assign('/'),
  });
}

export function useSignOut() {
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    // A full reload drops every cached answer of the signed-out user.
    onSuccess: () => window.location.assign('/'),
  });
}

/** Switches the language at once and remembers it on the user (PATCH with the version read). */
export function useSetLanguage() {
  const client = useQueryClient();
  const me = useSession();
  return useMutation({
    mutationFn: (locale: Language) => {
      applyLanguage(locale);
      return api<User>(`/users/${me.user.id}`, {
        method: 'PATCH',
        body: { locale, version: me.user.version },
      });
    },
    onSuccess: (user) => client.setQueryData<Me>(ME_KEY, (old) => (old ? { ...old, user } : old)),
    onError: () => void client.invalidateQueries({ queryKey: ME_KEY }),
  });
}
