import type {
  LoginBody,
  MeResponse,
  RegisterBody,
  SessionResponse,
  User,
} from '@rahatback/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { fetchSession, logout, sessionQueryKey } from '../../api/auth.js';

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: Infinity });
}

/** The signed-in user; only for pages behind `RequireSession`. */
export function useCurrentUser(): User | undefined {
  return useSession().data?.user;
}

/** Register or sign in, then land on the page the user came for. */
export function useSignIn<B extends LoginBody | RegisterBody>(
  signIn: (body: B) => Promise<SessionResponse>,
  returnTo: string,
) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: signIn,
    onSuccess: async (session) => {
      const me: MeResponse = { user: session.user, csrfToken: session.csrfToken };
      queryClient.setQueryData(sessionQueryKey, me);
      await navigate(returnTo, { replace: true });
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSettled: async () => {
      // Another user may sign in next in this tab: nothing of this one's data may remain.
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
      await navigate('/login', { replace: true });
    },
  });
}
