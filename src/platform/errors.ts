/** Every failure a user can cause has one of these codes; HTTP status is mapped once, in http/. */
export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'version_conflict'
  | 'payload_too_large'
  | 'rate_limited';

export interface ErrorDetail {
  /** Where: a field path (`email`, `roles.0.role`) or a CSV position (`line 12, column Email`). */
  path: string;
  message: string;
}

/** The one error type of Baton's domain: what was wrong, where, and what to do. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError('not_found', `${what} ${id} was not found in this workspace.`, [
    { path: 'id', message: 'unknown id' },
  ]);

export const invalid = (path: string, message: string) =>
  new DomainError('invalid_input', message, [{ path, message }]);

/** 409 for an update that names a version someone else has already replaced. */
export function staleVersion(what: string, id: string, sent: number, current: number): DomainError {
  return new DomainError(
    'version_conflict',
    `${what} ${id} was changed by someone else (you sent version ${sent}, it is now ${current}). Reload it and apply your change again.`,
    [{ path: 'version', message: `current version is ${current}` }],
  );
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
