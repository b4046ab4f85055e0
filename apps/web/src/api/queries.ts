import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data, type Plan, type PlanEvent, type Task } from './client';

/** The query keys: ['tasks', …] the inbox, ['task', id], ['plan', id, …] one plan's data, ['plans', …] lists. */
export interface InboxFilters {
  status: 'open' | 'completed' | 'cancelled';
  stage?: Task['stage'];
  page: number;
  pageSize: number;
}

export function useInbox(filters: InboxFilters) {
  return useQuery({
    queryKey: ['tasks', filters],
    queryFn: () => data(api.GET('/api/tasks', { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: ['task', id],
    queryFn: () => data(api.GET('/api/tasks/{id}', { params: { path: { id } } })),
  });
}

export function usePlans(query: { status?: Plan['status']; kind?: Plan['kind']; pageSize?: number } = {}) {
  return useQuery({
    queryKey: ['plans', query],
    queryFn: () => data(api.GET('/api/plans', { params: { query: { pageSize: 100, ...query } } })),
  });
}

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: ['plan', id, 'plan'],
    queryFn: () => data(api.GET('/api/plans/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

/** Who the plan waits on now, from the API's waiting-on query (DOMAIN §7). */
export function useWaitingOn(id: string | undefined) {
  return useQuery({
    queryKey: ['plan', id, 'waiting-on'],
    queryFn: () => data(api.GET('/api/plans/{id}/waiting-on', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useVersions(id: string | undefined) {
  return useQuery({
    queryKey: ['plan', id, 'versions'],
    queryFn: () => data(api.GET('/api/plans/{id}/versions', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useDiff(id: string, a: number | undefined, b: number | undefined) {
  return useQuery({
    queryKey: ['plan', id, 'diff', a, b],
    queryFn: () => data(api.GET('/api/plans/{id}/versions/{a}/diff/{b}', { params: { path: { id, a: a!, b: b! } } })),
    enabled: a !== undefined && b !== undefined && a !== b,
  });
}

/** The whole timeline: follows the `X-Next-After` cursor page by page. */
export function useTimeline(id: string | undefined) {
  return useQuery({
    queryKey: ['plan', id, 'timeline'],
    queryFn: async () => {
      const events: PlanEvent[] = [];
      let after: string | undefined;
      for (let i = 0; i < 50; i++) {
        const {
          data: page,
          error,
          response,
        } = await api.GET('/api/plans/{id}/timeline', {
          params: { path: { id: id! }, query: { limit: 1000, ...(after ? { after } : {}) } },
        });
        if (!response.ok || !page) return data(Promise.resolve({ data: page, error, response }));
        events.push(...page);
        after = response.headers.get('X-Next-After') ?? undefined;
        if (!after) break;
      }
      return events;
    },
    enabled: Boolean(id),
  });
}

export function useComments(id: string | undefined) {
  return useQuery({
    queryKey: ['plan', id, 'comments'],
    queryFn: () => data(api.GET('/api/plans/{id}/comments', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

/** The tasks still open on a plan that I can see in my inbox. */
export function usePlanTasks(planId: string | undefined) {
  return useQuery({
    queryKey: ['tasks', 'plan', planId],
    queryFn: () =>
      data(api.GET('/api/tasks', { params: { query: { planId: planId!, status: 'open', pageSize: 100 } } })),
    enabled: Boolean(planId),
  });
}

/** The statuses whose plans the public library shows (DOMAIN §10). */
export const PUBLIC_STATUSES: readonly Plan['status'][] = ['ENDORSED', 'CIVIL_SOCIETY_COMMENT'];

/**
 * A plan's public page and adoption record (`/api/public/plans/:id`): null while the plan is not
 * public (404). Asked only when the plan's status is a public one; `no-cache`, so the browser
 * revalidates (ETag) rather than serving an answer from before the record was issued. The worker
 * issues the record just after the endorsement: until it is there, ask again every 5 s.
 */
export function usePublicPlan(id: string | undefined, status: Plan['status'] | undefined) {
  return useQuery({
    queryKey: ['plan', id, 'public'],
    queryFn: async () => {
      const call = api.GET('/api/public/plans/{id}', { params: { path: { id: id! } }, cache: 'no-cache' });
      const { response } = await call;
      return response.status === 404 ? null : data(call);
    },
    enabled: Boolean(id) && status !== undefined && PUBLIC_STATUSES.includes(status),
    refetchInterval: (query) =>
      status === 'ENDORSED' && !query.state.data?.record && !query.state.error ? 5_000 : false,
  });
}

/** The adoption records issued, newest first (admins), a page at a time by the `nextBefore` cursor. */
export function useAdoptionRecords(limit = 20) {
  return useInfiniteQuery({
    queryKey: ['admin', 'records', limit],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/admin/records', { params: { query: { limit, ...(pageParam ? { before: pageParam } : {}) } } }),
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
}

/** A mutation whose success refreshes every query of the plan and the inbox. */
export function useRefreshingMutation<V, R>(
  fn: (vars: V) => Promise<R>,
  planId?: string,
  /**
   * Runs when the call succeeds, even if the form that made it is gone by then: the live stream
   * may refresh the page (the task closed, so its form unmounts) before the answer arrives, and
   * mutate's own callbacks would then not run.
   */
  onSuccess?: (result: R) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (result) => onSuccess?.(result),
    // Not awaited: the caller's own callbacks (mutate's onSuccess) run at once, before the
    // refreshed data may unmount the form that made the call.
    onSettled: () => {
      void Promise.all([
        queryClient.invalidateQueries({ queryKey: ['tasks'] }),
        queryClient.invalidateQueries({ queryKey: ['task'] }),
        queryClient.invalidateQueries({ queryKey: planId ? ['plan', planId] : ['plan'] }),
        queryClient.invalidateQueries({ queryKey: ['plans'] }),
        queryClient.invalidateQueries({ queryKey: ['admin'] }),
      ]);
    },
  });
}
