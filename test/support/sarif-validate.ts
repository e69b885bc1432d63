/**
 * SARIF validation with GitHub's ingestion rules, through @microsoft/sarif-multitool (`validate --rule-kind Gh`).
 * Its exit code does not say whether the SARIF is valid, so the errors are read from the output log, per input file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const MULTITOOL = path.resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'sarif-multitool');

export interface ValidationError {
  ruleId: string;
  message: string;
}

/** Validates each log; returns the error-level problems found for each, in the same order. */
export async function validateSarif(logs: readonly unknown[]): Promise<ValidationError[][]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-sarif-'));
  const files = logs.map((log, i) => {
    const f = path.join(dir, `in${i}.sarif`);
    writeFileSync(f, JSON.stringify(log));
    return f;
  });
  const out = path.join(dir, 'out.sarif');
  await promisify(execFile)(MULTITOOL, ['validate', '--rule-kind', 'Gh', '--output', out, ...files], { env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } }).catch(() => undefined);
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    runs: { results?: { ruleId: string; level?: string; message: { text?: string }; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] }[];
  };
  return files.map((f) =>
    (report.runs[0]?.results ?? [])
      .filter((r) => r.level === 'error' && decodeURIComponent(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '').endsWith(`/${path.basename(f)}`))
      .map((r) => ({ ruleId: r.ruleId, message: r.message.text ?? '' })),
  );
}
