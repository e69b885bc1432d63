import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { isLiteral, SECRET_NAME } from '../_shared/openclaw-cli.js';

export default defineRule({
  id: 'systemd.environment_secret',
  title: 'Secret written into a unit\'s Environment=',
  severity: 'high',
  appliesTo: ['systemd'],
  description:
    '`Environment=` values are part of the unit: the file is world-readable, usually committed, and `systemctl show <unit>` prints them to any local user. A gateway token or provider API key there is readable by everyone on the host and by everyone with the repository.',
  remediation:
    'Move the variable to an `EnvironmentFile=` (e.g. `/etc/openclaw/gateway.env`, owned by root, mode 600, not committed) or to `LoadCredential=`, and rotate the secret that was in the unit.',
  references: ['https://www.freedesktop.org/software/systemd/man/latest/systemd.exec.html#Environment=', 'https://cwe.mitre.org/data/definitions/798.html'],
  tags: ['systemd', 'secrets', 'CWE-798'],
  precision: 'high',
  check(target, ctx) {
    for (const d of target.directives) {
      if (d.section !== 'Service' || d.key !== 'Environment') continue;
      for (const w of d.words) {
        const eq = w.value.indexOf('=');
        const name = w.value.slice(0, eq);
        const value = w.value.slice(eq + 1);
        if (eq <= 0 || !SECRET_NAME.test(name) || !isLiteral(value) || value.length < 8) continue;
        ctx.report({ at: at.range(w.start, w.end), secret: value, message: `Environment= sets ${name} to a literal value: anyone who can read the unit or run systemctl show can read it.` });
      }
    }
  },
});
