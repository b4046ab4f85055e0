import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
