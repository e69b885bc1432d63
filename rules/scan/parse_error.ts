import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';

export default defineRule({
  id: 'scan.parse_error',
  title: 'File could not be parsed',
  severity: 'low',
  appliesTo: ['parse_error'],
  description:
    'A compose file, Dockerfile or dotenv file that does not parse cannot be checked, so whatever it configures goes unreviewed. Docker Compose would refuse it too, or worse, read it differently than intended. (A GitHub workflow is parsed only for its `run:` steps, and only when it names a command a shell rule checks, such as `curl` or `openclaw`: a broken workflow that names none is left to GitHub to report.)',
  remediation: 'Fix the syntax error at the reported line (`docker compose config` shows the same error for compose files). The other files of the scan were checked as usual.',
  tags: ['scanner'],
  precision: 'very-high',
  check(target, ctx) {
    if (target.fileKind === 'openclaw') return; // config.parse_error reports those, with OpenClaw's vocabulary
    ctx.report({
      at: target.line ? at.position(target.line, target.column ?? 1, target.line, (target.column ?? 1) + 1) : at.file(),
      message: `${target.file} is not valid ${target.fileKind === 'compose' ? 'YAML' : target.fileKind}: ${target.message}. It was not checked.`,
      key: 'parse_error',
    });
  },
});
