import { gunzipSync } from 'node:zlib';
import type { Log, Result } from 'sarif';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit } from '../src/github/octokit.js';
import { fitSarif, MAX_RESULTS_PER_RUN, SARIF_LIMITS, uploadSarif, UploadError } from '../src/org/upload.js';
import { FakeGitHub, SECONDARY_RATE_LIMIT, type RecordedRequest } from './support/fake-github.js';

const SEVERITY = ['9.5', '8.0', '5.5', '3.0', '1.0'];

/** A one-run log with `n` results; result i has severity SEVERITY[i % 5] and a distinct message. */
function logWith(n: number, messageSize = 10): Log {
  const results: Result[] = Array.from({ length: n }, (_, i) => ({
    ruleId: `r${i % 5}`,
    level: i % 5 < 2 ? 'error' : i % 5 === 2 ? 'warning' : 'note',
    message: { text: `finding ${i} ${'m'.repeat(messageSize)}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: `f${i % 97}.yml` }, region: { startLine: 1 + (i % 300) } } }],
    properties: { 'security-severity': SEVERITY[i % 5] },
  }));
  return { version: '2.1.0', runs: [{ tool: { driver: { name: 'Gatewarden', rules: [] } }, results, invocations: [{ executionSuccessful: true }] }] };
}

function decode(base64: string): Log {
  return JSON.parse(gunzipSync(Buffer.from(base64, 'base64')).toString('utf8')) as Log;
}

const severities = (log: Log) => (log.runs[0]?.results ?? []).map((r) => String(r.properties?.['security-severity']));

describe('fitSarif', () => {
  it('leaves a log within the limits untouched', () => {
    const log = logWith(40);
    const fitted = fitSarif(log);
    expect(decode(fitted.sarif)).toEqual(log);
    expect(fitted).toMatchObject({ results: 40, dropped: 0, warnings: [] });
  });

  it('cuts to 25,000 results per run, keeping the most severe, with a warning in the log and the outcome', () => {
    const n = MAX_RESULTS_PER_RUN + 7;
    const log = logWith(n, 0);
    const fitted = fitSarif(log);
    const decoded = decode(fitted.sarif);
    const count = (l: Log, s: string) => severities(l).filter((x) => x === s).length;
    expect(fitted.results).toBe(MAX_RESULTS_PER_RUN);
    expect(fitted.dropped).toBe(7);
    expect(decoded.runs[0]?.results).toHaveLength(MAX_RESULTS_PER_RUN);
    // The 7 left out are of the lowest severity; every other result is kept.
    expect(count(decoded, '1.0')).toBe(count(log, '1.0') - 7);
    for (const s of ['9.5', '8.0', '5.5', '3.0']) expect(count(decoded, s)).toBe(count(log, s));
    expect(fitted.warnings).toEqual([`7 of ${n} results left out of the upload (at most 25000 results per run); their alerts close until a smaller upload includes them`]);
    const notes = decoded.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notes.map((x) => x.descriptor?.id)).toEqual(['upload.truncated']);
  });

  it('halves the results until the gzipped size fits', () => {
    const log = logWith(2_000, 200);
    const full = fitSarif(log);
    const limit = Math.floor(full.gzipBytes / 3);
    const fitted = fitSarif(log, { ...SARIF_LIMITS, maxGzipBytes: limit });
    expect(fitted.gzipBytes).toBeLessThanOrEqual(limit);
    expect(fitted.results).toBe(500); // 2,000 → 1,000 (still over a third) → 500
    expect(fitted.warnings[0]).toMatch(/^1500 of 2000 results left out of the upload \(gzipped SARIF over \d+ bytes\); their alerts close/);
    // The 500 kept are all of the most severe.
    expect(new Set(severities(decode(fitted.sarif)))).toEqual(new Set(['9.5', '8.0']));
  });
});

describe('uploadSarif', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    gh.on('POST', '/repos/:owner/:repo/code-scanning/sarifs', () => ({ status: 202, body: { id: 'sarif-1', url: 'u' } }));
  });
  afterEach(() => gh.stop());
  const octokit = () => createOctokit({ purpose: 'org-sweep', baseUrl: gh.url, token: 't', retries: 0, retryAfterUnitMs: 1 });
  const target = { owner: 'acme', repo: 'app', commitSha: 'a'.repeat(40), ref: 'refs/heads/main' };

  it('posts gzip + base64 SARIF with the commit and ref', async () => {
    const log = logWith(12);
    const out = await uploadSarif(octokit(), target, log);
    expect(out).toMatchObject({ sarifId: 'sarif-1', results: 12, dropped: 0 });
    const [req] = gh.calls('POST', '/repos/acme/app/code-scanning/sarifs') as [RecordedRequest];
    const body = req.body as Record<string, string>;
    expect(body.commit_sha).toBe(target.commitSha);
    expect(body.ref).toBe('refs/heads/main');
    expect(decode(body.sarif ?? '')).toEqual(log);
  });

  it('waits out a secondary rate limit and uploads', async () => {
    gh.inject('POST', '/repos/:owner/:repo/code-scanning/sarifs', 1, SECONDARY_RATE_LIMIT);
    const out = await uploadSarif(octokit(), target, logWith(5));
    expect(out).toMatchObject({ sarifId: 'sarif-1', results: 5, dropped: 0 });
    const bodies = gh.calls('POST', '/repos/acme/app/code-scanning/sarifs').map((r) => r.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual(bodies[0]);
  });

  it('retries with half the results when the server answers 413, and says so', async () => {
    gh.inject('POST', '/repos/:owner/:repo/code-scanning/sarifs', 1, { status: 413, body: { message: 'Payload Too Large' } });
    const out = await uploadSarif(octokit(), target, logWith(300));
    const bodies = gh.calls('POST', '/repos/acme/app/code-scanning/sarifs').map((r) => decode((r.body as { sarif: string }).sarif));
    expect(bodies.map((b) => b.runs[0]?.results?.length)).toEqual([300, 150]);
    expect(out).toMatchObject({ results: 150, dropped: 150 });
    expect(out.warnings).toEqual(['upload of 300 results rejected as too large (413); retrying with 150', '150 of 300 results left out of the upload (the server rejected a larger upload); their alerts close until a smaller upload includes them']);
  });

  it('gives up, rather than upload an empty run, when the server keeps answering 413', async () => {
    gh.inject('POST', '/repos/:owner/:repo/code-scanning/sarifs', 10, { status: 413, body: { message: 'Payload Too Large' } });
    const err = await uploadSarif(octokit(), target, logWith(3)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as UploadError).message).toMatch(/^upload rejected as too large \(413\) even after truncation/);
    const sizes = gh.calls('POST', '/repos/acme/app/code-scanning/sarifs').map((r) => decode((r.body as { sarif: string }).sarif).runs[0]?.results?.length);
    expect(sizes).toEqual([3, 1]);
  });

  it('polls the processing status when asked: complete, failed with GitHub\'s errors, or still pending', async () => {
    const statuses = ['pending', 'complete', 'failed', 'pending', 'pending', 'pending'];
    gh.on('GET', '/repos/:owner/:repo/code-scanning/sarifs/:id', () => {
      const status = statuses.shift();
      return { status: 200, body: { processing_status: status, ...(status === 'failed' ? { errors: ['locationFromSarifResult: expected artifact location'] } : {}) } };
    });
    const pauses: number[] = [];
    const wait = { waitMs: 30_000, intervalMs: () => 10_000, sleep: async (ms: number) => void pauses.push(ms) };
    expect((await uploadSarif(octokit(), target, logWith(2), SARIF_LIMITS, undefined, wait)).warnings).toEqual([]);
    expect(gh.calls('GET', '/repos/acme/app/code-scanning/sarifs/sarif-1')).toHaveLength(2);
    await expect(uploadSarif(octokit(), target, logWith(2), SARIF_LIMITS, undefined, wait)).rejects.toThrow('upload processing failed: locationFromSarifResult: expected artifact location');
    const pending = await uploadSarif(octokit(), target, logWith(2), SARIF_LIMITS, undefined, wait);
    expect(pending.warnings).toEqual(['processing of upload sarif-1 still pending after 30 s']);
    // 30 s of budget at 10 s per poll: three polls for the last upload, after one each for the first two.
    expect(gh.calls('GET', '/repos/acme/app/code-scanning/sarifs/sarif-1')).toHaveLength(2 + 1 + 3);
    expect(pauses).toEqual(Array(6).fill(10_000));
  });

  it('does not poll unless asked', async () => {
    await uploadSarif(octokit(), target, logWith(2));
    expect(gh.calls('GET', '/repos/:owner/:repo/code-scanning/sarifs/:id')).toHaveLength(0);
  });

  it('turns 403 and 404 into a reason for this repository', async () => {
    gh.inject('POST', '/repos/:owner/:repo/code-scanning/sarifs', 1, { status: 403, body: { message: 'Advanced Security must be enabled for this repository to use code scanning.' } });
    gh.inject('POST', '/repos/:owner/:repo/code-scanning/sarifs', 1, { status: 404, body: { message: 'Not Found' } });
    const err403 = await uploadSarif(octokit(), target, logWith(1)).catch((e: unknown) => e);
    expect(err403).toBeInstanceOf(UploadError);
    expect((err403 as UploadError).message).toMatch(/^upload forbidden \(403\): code scanning is not enabled .*Advanced Security must be enabled/);
    const err404 = await uploadSarif(octokit(), target, logWith(1)).catch((e: unknown) => e);
    expect((err404 as UploadError).message).toMatch(/^upload not found \(404\)/);
  });
});
