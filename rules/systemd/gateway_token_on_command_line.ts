import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayCommand, isLiteral } from '../_shared/openclaw-cli.js';
import { gatewayExecs } from '../_shared/systemd.js';

export default defineRule({
  id: 'systemd.gateway_token_on_command_line',
  title: 'Gateway token passed on the ExecStart command line',
  severity: 'high',
  appliesTo: ['systemd'],
  description:
    'A `--token`/`--password` on `ExecStart=` ends up in the process\'s argv, which every local user can read (`ps aux`, `/proc/<pid>/cmdline`, `systemctl status`). Written literally, it is also in a unit file that is world-readable and usually committed. `${VAR}` does not help: systemd expands it into argv.',
  remediation:
    'Put `OPENCLAW_GATEWAY_TOKEN=…` in an `EnvironmentFile=/etc/openclaw/gateway.env` owned by root with mode 600 (or use `LoadCredential=`), drop `--token` from `ExecStart=`; the gateway reads the variable itself. Rotate a token that was committed.',
  references: ['https://www.freedesktop.org/software/systemd/man/latest/systemd.exec.html#EnvironmentFile=', 'https://cwe.mitre.org/data/definitions/214.html'],
  tags: ['systemd', 'secrets', 'CWE-214'],
  precision: 'high',
  messages: {
    literal: 'ExecStart passes a literal gateway {{what}}: it is in the unit file and in the process list of every local user.',
    expanded: 'ExecStart passes the gateway {{what}} as {{flag}}: systemd expands it into argv, readable by every local user.',
  },
  check(target, ctx) {
    for (const { words } of gatewayExecs(target.directives)) {
      const gw = gatewayCommand(words.map((w) => w.value));
      for (const [flag, found] of [['--token', gw?.token], ['--password', gw?.password]] as const) {
        const word = found && words[found.index];
        if (!found || !word) continue;
        if (isLiteral(found.value)) {
          ctx.report({ at: at.range(word.start, word.end), secret: found.value, messageId: 'literal', data: { what: flag.slice(2) } });
        } else {
          ctx.report({ at: at.range(word.start, word.end), severity: 'medium', messageId: 'expanded', data: { what: flag.slice(2), flag } });
        }
      }
    }
  },
});
