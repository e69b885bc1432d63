/** Plain-value helpers for rules over evaluated JSON/JSON5 (daemon.json, OpenClaw config values). */

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
