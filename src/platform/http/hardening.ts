import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.ts';
import { LoginThrottle } from './login-throttle.ts';

export interface HardeningOptions {
  /** Requests per minute per API token, session or address (default 1200). */
  rateLimitPerMinute?: number;
  /**
   * Tracking requests per minute per write key (default 120,000, or
   * BATON_TRACKING_RATE_LIMIT): one key serves every visitor of a site.
   */
  trackingRateLimitPerMinute?: number;
  /** Failed sign-ins per email and address before a 15-minute pause (default 5). */
  loginFailures?: number;
}

export const CSRF_COOKIE = 'baton_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const LOGIN_URL = '/api/v1/auth/login';
const TRACKING_URL = '/t/v1/batch';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const digest = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22);

/**
 * Who a request counts against: its API token, its tracking write key, its session, or
 * else its address. Secrets are hashed so they never sit in the limiter's memory.
 */
export function rateLimitKey(req: FastifyRequest): string {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return `token:${digest(auth.slice(7).trim())}`;
  const writeKey =
    req.headers['x-baton-write-key'] ?? (req.query as { writeKey?: unknown } | undefined)?.writeKey;
  if (typeof writeKey === 'string' && writeKey) return `writekey:${digest(writeKey)}`;
  const session = req.cookies?.baton_session;
  if (session) return `session:${digest(session)}`;
  return `ip:${req.ip}`;
}

/**
 * Security headers with a CSP fit for the same-origin Vite/React build (scripts and
 * styles from 'self', inline style attributes for the component library, data: images
 * and fonts), rate limits, login throttling and the small per-route body limits.
 */
export async function registerHardening(app: FastifyInstance, options: HardeningOptions = {}): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Same-origin app: keep cross-origin isolation headers that do not break the API docs page.
    crossOriginEmbedderPolicy: false,
  });

  await app.register(rateLimit, {
    global: false,
    max: options.rateLimitPerMinute ?? 1200,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    allowList: (req) => req.url === '/healthz',
    errorResponseBuilder: (_req, context) =>
      new DomainError(
        'rate_limited',
        `Too many requests: the limit is ${context.max} a minute. Try again in ${context.after}.`,
        [{ path: 'retry-after', message: `wait ${Math.ceil(context.ttl / 1000)} s` }],
      ),
  });
  // A global hook registered before authentication, so floods of bad credentials are
  // refused before they cost a database lookup. The public tracking endpoint has its own,
  // larger budget per write key.
  const limit = app.rateLimit();
  const trackingLimit = app.rateLimit({
    max: options.trackingRateLimitPerMinute ?? Number(process.env.BATON_TRACKING_RATE_LIMIT ?? 120_000),
    timeWindow: 60_000,
  });
  app.addHook('onRequest', async (req, reply) => {
    await (req.routeOptions.url === TRACKING_URL ? trackingLimit : limit).call(app, req, reply);
  });

  // Sign-in bodies are tiny; refusing large ones early costs an attacker more than us.
  app.addHook('onRoute', (route) => {
    if (route.url === LOGIN_URL) route.bodyLimit = 8 * 1024;
  });

  const throttle = new LoginThrottle(options.loginFailures ?? 5);
  const loginKey = (req: FastifyRequest) => {
    const email = (req.body as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' ? LoginThrottle.key(email, req.ip) : null;
  };
  app.addHook('preHandler', async (req, reply) => {
    if (req.routeOptions.url !== LOGIN_URL) return;
    const key = loginKey(req);
    const wait = key ? throttle.retryAfter(key, Date.now()) : 0;
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new DomainError(
        'rate_limited',
        `Too many failed sign-ins for this email. Try again in ${wait} s.`,
        [{ path: 'email', message: `wait ${wait} s, or reset the password with an admin` }],
      );
    }
  });
  app.addHook('onResponse', async (req, reply) => {
    if (req.routeOptions.url !== LOGIN_URL) return;
    const key = loginKey(req);
    if (!key) return;
    if (reply.statusCode === 401) throttle.fail(key, Date.now());
    else if (reply.statusCode === 200) throttle.succeed(key);
  });

  // Give every browser session a CSRF token the web app echoes in a header (double submit).
  app.addHook('onRequest', async (req, reply) => {
    if (req.cookies?.baton_session && !req.cookies[CSRF_COOKIE]) issueCsrfCookie(req, reply);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.routeOptions.url === LOGIN_URL && reply.statusCode === 200) issueCsrfCookie(req, reply);
    return payload;
  });
}

function issueCsrfCookie(req: FastifyRequest, reply: FastifyReply): void {
  const token = randomBytes(24).toString('base64url');
  // Readable by the page (not httpOnly) so it can copy it into the header; Strict so no other site sends it.
  reply.setCookie(CSRF_COOKIE, token, {
    path: '/',
    sameSite: 'strict',
    httpOnly: false,
    secure: req.protocol === 'https',
  });
  req.cookies[CSRF_COOKIE] = token;
}

/**
 * Cookie-authenticated writes must carry the CSRF cookie's value in `x-csrf-token`: a
 * cross-site page can make the browser send the cookie but cannot read it to copy it.
 * Bearer-token requests carry no ambient credentials and are exempt.
 */
export function assertCsrf(req: FastifyRequest): void {
  if (!UNSAFE.has(req.method)) return;
  const cookie = req.cookies?.[CSRF_COOKIE];
  const header = req.headers[CSRF_HEADER];
  const ok =
    typeof cookie === 'string' &&
    typeof header === 'string' &&
    cookie.length > 0 &&
    cookie.length === header.length &&
    timingSafeEqual(Buffer.from(cookie), Buffer.from(header));
  if (!ok) {
    throw new DomainError(
      'forbidden',
      `A signed-in browser request that changes data must send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header.`,
      [{ path: CSRF_HEADER, message: 'missing or not matching the cookie' }],
    );
  }
}
