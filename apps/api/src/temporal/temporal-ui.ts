import type { AppConfig } from '@aoc/config/config.schema';

/**
 * A workflow's page in the Temporal Web UI (TEMPORAL_UI_URL, the namespace of TEMPORAL_NAMESPACE):
 * the UI opens its latest run. Null for a plan never submitted, which has no workflow.
 */
export function temporalUiUrl(config: AppConfig, workflowId: string | null): string | null {
  if (!workflowId) return null;
  const { uiUrl, namespace } = config.temporal;
  return `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
