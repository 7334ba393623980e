// Turns the first JSON-schema issue (Ajv's or TypeBox's, same shape) into `field: problem`,
// naming the field the way users write it: `resourceLimits.cpu`, `volumes[0].name`.

export interface SchemaIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** `/resourceLimits/cpu` in `body` → `resourceLimits.cpu`; array indexes as `[0]`. */
export function fieldName(context: string | undefined, issue: SchemaIssue): string {
  const parts = (issue.instancePath ?? '').split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const missing = issue.params?.['missingProperty'] ?? (issue.params?.['requiredProperties'] as unknown[] | undefined)?.[0];
  if (issue.keyword === 'required' && typeof missing === 'string') parts.push(missing);
  if (issue.keyword === 'additionalProperties' && typeof issue.params?.['additionalProperty'] === 'string') {
    parts.push(issue.params['additionalProperty']);
  }
  const path = parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
  return path || (context === 'body' ? 'body' : context ?? 'request');
}

export function validationMessage(context: string | undefined, issues: SchemaIssue[]): string {
  const issue = issues[0] ?? {};
  const field = fieldName(context, issue);
  switch (issue.keyword) {
    case 'required':
      return `${field}: is required`;
    case 'additionalProperties':
      return `${field}: is not a known field`;
    case 'boolean':
      // TypeBox reports an unknown property as the `false` schema it meets there.
      return `${field}: is not a known field`;
    case 'type':
      return `${field}: must be ${String(issue.params?.['type'] ?? 'another type')}`;
    case 'anyOf':
      return `${field}: has the wrong type or value`;
    default:
      return `${field}: ${issue.message ?? 'is invalid'}`;
  }
}
