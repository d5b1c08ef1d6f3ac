import { Navigate, Outlet, useLocation } from 'react-router';
import { useLiveUpdates } from '../../live/use-live-updates.js';
import { PageLoader, QueryState } from '../../ui/query-state.js';
import { useSession } from './use-session.js';

/** Guards the signed-in part of the app and keeps it live. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  useLiveUpdates(session.data != null);
  if (session.isPending) return <PageLoader />;
  return (
    <QueryState query={session}>
      {(me) =>
        me === null ? (
          <Navigate to="/login" replace state={{ returnTo: location.pathname }} />
        ) : (
          <Outlet />
        )
      }
    </QueryState>
  );
}

/** Where to go after signing in: back to the page that sent the user to the login page. */
export function useReturnTo(): string {
  const state: unknown = useLocation().state;
  if (typeof state === 'object' && state !== null && 'returnTo' in state) {
    const { returnTo } = state;
    if (typeof returnTo === 'string' && returnTo.startsWith('/')) return returnTo;
  }
  return '/';
}
