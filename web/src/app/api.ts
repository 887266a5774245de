/** One field-level problem, as the API reports it (`{"error":{"details":[{path,message}]}}`). */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** A failed API call: the API's code, message and field paths, or `network` when it never answered. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field a detail names, without the request part (`body.cost` → `cost`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) {
      const field = d.path.replace(/^(body|querystring|params)\./, '');
      out[field] ??= d.message;
    }
    return out;
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** The CSRF cookie the server sets beside the session (readable by this page, not by others). */
function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)baton_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** Calls Baton's API with the session cookie; throws ApiError with the API's own message. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; query?: Query } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, init.query), {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        // Double-submit CSRF: writes echo the session's CSRF cookie in a header.
        ...(csrfToken() ? { 'x-csrf-token': csrfToken()! } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[] } })?.error;
    throw new ApiError(res.status, error?.code ?? 'unexpected', error?.message ?? '', error?.details ?? []);
  }
  return json as T;
}
