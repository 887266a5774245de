import type { RequestContext } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { emailHash } from './consent.ts';
import { isSuppressed } from './store.ts';

/**
 * Refuses an email on the suppression list (erased or objected): person creation, updates
 * and imports call this, so an erased address never comes back.
 */
export async function assertNotSuppressed(ctx: RequestContext, email: string, path = 'email'): Promise<void> {
  if (await isSuppressed(ctx, emailHash(email))) {
    throw new DomainError(
      'conflict',
      'This email address is on the suppression list (its owner was erased or asked not to be contacted) and cannot be stored again.',
      [{ path, message: 'suppressed address; leave it out or use another contact' }],
    );
  }
}
