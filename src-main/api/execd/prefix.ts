/** The route prefix of a sandbox's execd API (the engine gives it as the endpoint of port 44772). */
export const EXECD_ROUTE = '/v1/sandboxes/:sandboxId/execd';
