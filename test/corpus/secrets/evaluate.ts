/**
 * Scores Gatewarden's secret rules and secretlint's recommended preset on the labelled corpus (generate.ts), per
 * rule: a finding is a true positive when a label has the same file, line and rule; every other finding of a
 * `secrets.*` rule (or of any secretlint rule) is a false positive; every label not found is a false negative.
 * Used by `npm run eval:secrets` (prints the table) and test/secrets-corpus.test.ts (asserts the goals).
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RULES } from '../../../rules/index.js';
import { lintWithRecommendedPreset } from '../../../src/engine/check/secretlint.js';
import { scan } from '../../../src/engine/scan.js';
import { listFiles } from '../../helpers.js';

export const CORPUS = path.join(import.meta.dirname, 'files');
const LABELS = path.join(import.meta.dirname, 'labels.json');

interface Hit {
  file: string;
  line: number;
  ruleId: string;
}
export interface Score {
  ruleId: string;
  labels: number;
  tp: number;
  fp: number;
  fn: number;
}
export interface Evaluation {
  gatewarden: Score[];
  secretlint: Score[];
  /** Findings in `neg/` files (the negative set), per engine. */
  negativeFindings: { gatewarden: Hit[]; secretlint: Hit[] };
  missed: { gatewarden: Hit[]; secretlint: Hit[] };
  falsePositives: { gatewarden: Hit[]; secretlint: Hit[] };
}

/** secretlint rule (and message id) → the Gatewarden rule that covers the same type; anything else is `secretlint:other`. */
function secretlintType(ruleId: string, messageId: string): string {
  const short = ruleId.replace('@secretlint/secretlint-rule-', '');
  switch (short) {
    case 'anthropic':
      return 'secrets.anthropic_api_key';
    case 'openai':
      return 'secrets.openai_api_key';
    case 'groq':
      return 'secrets.groq_api_key';
    case 'huggingface':
      return 'secrets.huggingface_token';
    case 'github':
      return 'secrets.github_token';
    case 'slack':
      return messageId === 'IncomingWebhook' ? 'secrets.slack_webhook_url' : 'secrets.slack_token';
    case 'aws':
      return messageId === 'AWSAccountID' ? 'secretlint:aws-account-id' : 'secrets.aws_access_key';
    case 'privatekey':
    case 'gcp':
      return 'secrets.private_key';
    default:
      return `secretlint:${short}`;
  }
}

export const readLabels = (): Hit[] => JSON.parse(readFileSync(LABELS, 'utf8')) as Hit[];

async function gatewardenHits(): Promise<Hit[]> {
  const copy = mkdtempSync(path.join(tmpdir(), 'gatewarden-corpus-'));
  cpSync(CORPUS, copy, { recursive: true });
  const result = await scan({ paths: [copy], rules: RULES });
  return result.findings.filter((f) => f.ruleId.startsWith('secrets.')).map((f) => ({ file: f.location.file, line: f.location.startLine, ruleId: f.ruleId }));
}

async function secretlintHits(): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (const file of listFiles(CORPUS)) {
    const content = readFileSync(path.join(CORPUS, file), 'utf8');
    for (const m of await lintWithRecommendedPreset(content, file)) {
      const line = content.slice(0, m.start).split('\n').length;
      hits.push({ file, line, ruleId: secretlintType(m.ruleId, m.messageId) });
    }
  }
  return hits;
}

function score(hits: Hit[], labels: Hit[]): { scores: Score[]; missed: Hit[]; fps: Hit[] } {
  const key = (h: Hit) => `${h.ruleId} ${h.file}:${h.line}`;
  const labelled = new Set(labels.map(key));
  const found = new Set(hits.map(key));
  const ids = [...new Set([...labels.map((l) => l.ruleId), ...hits.map((h) => h.ruleId)])].sort();
  const missed = labels.filter((l) => !found.has(key(l)));
  // A secretlint rule for a type we do not label (basic auth in a URL) that fires on a labelled line found that
  // secret under another name: neither a hit nor a false positive.
  const labelledLine = new Set(labels.map((l) => `${l.file}:${l.line}`));
  const fps = hits.filter((h) => !labelled.has(key(h)) && !(h.ruleId.startsWith('secretlint:') && labelledLine.has(`${h.file}:${h.line}`)));
  const scores = ids.map((ruleId) => {
    const mine = new Set(hits.filter((h) => h.ruleId === ruleId).map(key));
    const lab = labels.filter((l) => l.ruleId === ruleId);
    const tp = lab.filter((l) => mine.has(key(l))).length;
    return { ruleId, labels: lab.length, tp, fn: lab.length - tp, fp: fps.filter((h) => h.ruleId === ruleId).length };
  });
  return { scores, missed, fps };
}

export async function evaluate(): Promise<Evaluation> {
  const labels = readLabels();
  const [c, s] = [score(await gatewardenHits(), labels), score(await secretlintHits(), labels)];
  const neg = (hs: Hit[]) => hs.filter((h) => h.file.startsWith('neg/'));
  return {
    gatewarden: c.scores,
    secretlint: s.scores,
    negativeFindings: { gatewarden: neg(c.fps), secretlint: neg(s.fps) },
    missed: { gatewarden: c.missed, secretlint: s.missed },
    falsePositives: { gatewarden: c.fps, secretlint: s.fps },
  };
}

export const precision = (s: { tp: number; fp: number }) => (s.tp + s.fp === 0 ? NaN : s.tp / (s.tp + s.fp));
export const recall = (s: { tp: number; fn: number }) => (s.tp + s.fn === 0 ? NaN : s.tp / (s.tp + s.fn));
