/**
 * The deployments yardstick (test/accuracy/deployments.ts, `npm run eval:deployments`): when the corpus
 * ../shared/corpus/deployments is present, every finding at warning level and above must be triaged in
 * test/accuracy/deployments-triage.tsv with a reason, and the triage and expected-problems files must match what
 * the scan reports today. Without the corpus the corpus test is skipped and says so; the file-format checks run
 * either way.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, evaluateDeployments, readExpected, readTriage, type DeploymentsEvaluation } from './accuracy/deployments.js';

const corpus = corpusDir();
const present = existsSync(corpus);
if (!present) console.warn(`deployments corpus: no corpus at ${corpus} (set GATEWARDEN_DEPLOYMENTS_CORPUS); the corpus test is skipped.`);

describe.skipIf(!present)(`deployments corpus (${corpus})`, () => {
  let e: DeploymentsEvaluation;
  beforeAll(async () => {
    const result = await evaluateDeployments(corpus);
    if (!result) throw new Error(`corpus vanished: ${corpus}`);
    e = result;
  }, 60_000);

  it('scans every repository without a rule error', () => {
    expect(e.internalErrors).toBe(0);
    expect(e.files.length).toBeGreaterThan(0);
  });

  it('the triage and expected-problems files are well-formed (a verdict and a reason on every row, known files)', () => {
    expect(e.formatErrors).toEqual([]);
  });

  it('every finding at warning level and above is triaged', () => {
    expect(e.untriaged.map((f) => `${f.ruleId}\t${f.file}\t${f.line}\t(${f.severity}) ${f.message}`)).toEqual([]);
  });

  it('every false positive in the triage has a reason', () => {
    expect(e.judged.filter((j) => j.row.verdict === 'false' && !j.row.reason.trim()).map((j) => `${j.row.ruleId} ${j.row.file}:${j.row.line}`)).toEqual([]);
  });

  it('no triage row is stale and no expected problem is reported under its own rule (update the files)', () => {
    expect(e.stale.map((r) => `triage line ${r.at}: ${r.ruleId} ${r.file}:${r.line} is no longer reported`)).toEqual([]);
    expect(e.nowReported.map(({ row: r }) => `expected line ${r.at}: ${r.ruleId} ${r.file}:${r.line} is now reported: move it to the triage`)).toEqual([]);
  });
});

describe('deployments triage files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-triage-'));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('rejects a row without a reason, an unknown verdict and a non-numeric line', () => {
    const errors: string[] = [];
    const rows = readTriage(
      write(
        'triage.tsv',
        '# comment\nrule\tfile\tline\tmatch\tverdict\treason\n' +
          'a.rule\tr/x.sh\t3\t\tfalse\t\n' +
          'b.rule\tr/x.sh\t4\t\tmaybe\tbecause\n' +
          'c.rule\tr/x.sh\tten\t\ttrue\tbecause\n',
      ),
      errors,
    );
    expect(rows).toHaveLength(3);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/a\.rule r\/x\.sh:3 has no reason/);
    expect(errors[1]).toMatch(/verdict "maybe"/);
    expect(errors[2]).toMatch(/line "ten"/);
  });

  it('rejects a wrong header and a row with missing columns', () => {
    const errors: string[] = [];
    readTriage(write('bad-header.tsv', 'rule\tfile\tline\tverdict\treason\na\tb\t1\ttrue\tok\n'), errors);
    expect(errors.some((m) => m.includes('header must be'))).toBe(true);
    expect(errors.some((m) => m.includes('5 columns, expected 6'))).toBe(true);
  });

  it('reads an expected-problems row and checks its issue number and description', () => {
    const errors: string[] = [];
    const rows = readExpected(
      write('expected.tsv', 'rule\tfile\tline\tissue\tcategory\tdescription\nx.y\tr/a.tf\t7\t20\tTerraform\tport open\nx.z\tr/a.tf\t8\t99\t\t\n'),
      errors,
    );
    expect(rows[0]).toMatchObject({ ruleId: 'x.y', file: 'r/a.tf', line: 7, issue: '20', category: 'Terraform' });
    expect(errors).toHaveLength(2);
  });
});
