export interface DetailFormat {
  /** Stands for null, undefined and empty strings, lists and records. */
  empty?: string;
  /** Names of ids the reader knows (units, people), shown instead of the id. */
  names?: ReadonlyMap<string, string>;
}

/**
 * One audit detail as a short line of text: changes as `before → after`, lists joined with commas,
 * records as `key: value`, known ids by name.
 */
export function formatDetail(value: unknown, format: DetailFormat = {}): string {
  const empty = format.empty ?? '—';
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string') return format.names?.get(value) ?? value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return value.length === 0 ? empty : value.map((item) => formatDetail(item, format)).join(', ');
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 2 && 'before' in record && 'after' in record) {
      return `${formatDetail(record.before, format)} → ${formatDetail(record.after, format)}`;
    }
    if (keys.length === 0) return empty;
    return keys.map((key) => `${key}: ${formatDetail(record[key], format)}`).join(', ');
  }
  return String(value);
}

/** Where an audit target can be seen in the app, if anywhere. */
export function targetHref(target: { type: string; id: string } | null): string | null {
  if (!target) return null;
  switch (target.type) {
    case 'person':
      return `/people/${encodeURIComponent(target.id)}`;
    case 'unit':
      return '/units';
    case 'import':
      return '/import';
    case 'campaign':
      return `/campaigns/${encodeURIComponent(target.id)}`;
    default:
      return null;
  }
}
