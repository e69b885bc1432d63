import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';

export default defineRule({
  id: 'config.parse_error',
  title: 'OpenClaw config is not valid JSON5',
  severity: 'high',
  appliesTo: ['parse_error'],
  description:
    'OpenClaw refuses to start with a config it cannot parse, and Gatewarden cannot check a config it cannot read: every security setting in this file went unreviewed.',
  remediation: 'Fix the syntax error at the reported line and column (`openclaw doctor` reports the same). JSON5 allows comments, trailing commas and unquoted keys, but not unbalanced braces or unterminated strings.',
  tags: ['openclaw', 'scanner'],
  precision: 'very-high',
  check(target, ctx) {
    if (target.fileKind !== 'openclaw') return;
    ctx.report({
      at: target.line ? at.position(target.line, target.column ?? 1, target.line, (target.column ?? 1) + 1) : at.file(),
      message: `${target.file} is not valid JSON5: ${target.message} (line ${target.line ?? '?'}, column ${target.column ?? '?'}). Its settings were not checked.`,
      key: 'parse_error',
    });
  },
});
