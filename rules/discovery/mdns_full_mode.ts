import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'discovery.mdns_full_mode',
  title: 'mDNS discovery broadcasts full details',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`discovery.mdns.mode: "full"` announces the gateway with host details (paths, ports, CLI hints) to the whole local network, which helps an attacker on the LAN find and target it. Critical when the gateway binds beyond loopback.',
  remediation:
    'Set `discovery.mdns.mode: "minimal"` (the default) or `"off"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (get(t.value, 'discovery', 'mdns', 'mode') !== 'full') return;
    ctx.report({ at: at.path(['discovery', 'mdns', 'mode']), severity: v.nonLoopback ? CRITICAL : WARN, message: 'mDNS discovery is in "full" mode.' });
  },
});
