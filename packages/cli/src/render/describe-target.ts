import { redactUrl } from '@catdb/core';

/**
 * `postgres://app@db.example.com:5432/app, schema public`: the target as every command names it
 * in its first and last lines. Redacted, and without the URL's parameters (a passfile path, an
 * sslmode) that say nothing about where the data went. Pure.
 */
export function describeTarget(url: string, schema?: string): string {
  const shown = redactUrl(url).replace(/\?.*$/s, '');
  return schema ? `${shown}, schema ${schema}` : shown;
}
