/**
 * For handlers only Fanline's own services call: Restate refuses them on its
 * ingress, so whoever reaches the ingress cannot forge subtasks, retry
 * reports or runs-index entries. Service-to-service calls still reach them.
 */
export const INTERNAL = { ingressPrivate: true } as const;
