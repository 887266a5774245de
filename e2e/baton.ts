import { type APIRequestContext, expect, type Page, request as playwrightRequest } from '@playwright/test';

/** The demo workspace's first admin (its password is set by the global setup). */
export const ADMIN = { email: 'admin@demo.baton.example', password: 'e2e-admin-password-2026' };

export const uniq = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Signs in through the login form and waits for the app shell. */
export async function signIn(page: Page, who: { email: string; password: string } = ADMIN): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/メールアドレス|Email/).fill(who.email);
  await page
    .getByLabel(/パスワード|Password/)
    .first()
    .fill(who.password);
  await page.getByRole('button', { name: /サインイン|Sign in/ }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

/**
 * An API client signed in as the admin: `request`'s session, in a new context that echoes
 * the CSRF cookie in its header on every call, as the web app does (cookie-authenticated
 * writes without it are refused).
 */
export async function adminApi(request: APIRequestContext): Promise<APIRequestContext> {
  const res = await request.post('/api/v1/auth/login', { data: ADMIN });
  expect(res.ok()).toBeTruthy();
  // The server gives a signed-in browser its CSRF cookie on the first request after login.
  expect((await request.get('/api/v1/me')).ok()).toBeTruthy();
  const storageState = await request.storageState();
  const token = storageState.cookies.find((c) => c.name === 'baton_csrf')?.value;
  expect(token, 'the CSRF cookie').toBeTruthy();
  return playwrightRequest.newContext({
    baseURL: process.env.BATON_E2E_URL,
    storageState,
    extraHTTPHeaders: { 'x-csrf-token': token! },
  });
}

/** A new user with their own password, so a journey can change its own settings in isolation. */
export async function newUser(
  request: APIRequestContext,
  roles: string[],
  locale: 'ja' | 'en' | null = null,
): Promise<{ id: string; email: string; password: string; displayName: string }> {
  const api = await adminApi(request);
  const email = `${uniq('user')}@demo.baton.example`;
  const password = 'journey-password-123';
  const displayName = `テスト ${email.slice(5, 11)}`;
  const res = await api.post('/api/v1/users', {
    data: { email, password, displayName, locale, roles: roles.map((role) => ({ role })) },
  });
  expect(res.status()).toBe(201);
  const user = (await res.json()) as { id: string };
  return { id: user.id, email, password, displayName };
}
