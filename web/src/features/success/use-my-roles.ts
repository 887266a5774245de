import { useSession } from '../../app/session.tsx';

/** The signed-in user's id and the Customer Success roles that decide a page's defaults. */
export function useMyRoles() {
  const { user } = useSession();
  const has = (role: string) => user.roles.some((r) => r.role === role);
  return {
    userId: user.id,
    isCsm: has('csm'),
    isOnb: has('onb'),
    isAm: has('am'),
    /** Admins run workspace-wide actions (the renewal entry reaches every customer). */
    isAdmin: has('admin'),
  };
}
