import { useQuery } from '@tanstack/react-query';
import { api, data, isApiError, type Schemas } from './client';

export const ROLES = ['submitter', 'consultee', 'cso', 'secretariat', 'gof_member', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is signed in: `GET /api/me` of the sign-in session (name, roles, scope, capabilities). */
export type Me = Schemas['MeResponse'];

export const ME_KEY = ['me'] as const;

/** The signed-in user, or null when the API says 401 (signed out). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await data(api.GET('/api/me'));
      } catch (error) {
        // 401: signed out. 404: this API has no sign-in session (yet): nobody can be signed in.
        if (isApiError(error, 401) || isApiError(error, 404)) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: (count, error) => !isApiError(error) && count < 2,
  });
}

export const hasRole = (me: Me | null | undefined, role: Role): boolean => me?.roles.includes(role) ?? false;

/** Where sign-in starts: the API's backend-for-frontend, which comes back to `returnTo`. */
export const signInUrl = (returnTo: string): string => `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;

/** Ends the session (204), then the app shows the sign-in page. */
export async function signOut(): Promise<void> {
  const response = await fetch('/auth/logout', { method: 'POST', credentials: 'include' });
  if (!response.ok && response.status !== 401) throw new Error(`sign-out answered ${response.status}`);
}
