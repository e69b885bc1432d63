import { expect, it } from 'vitest';
import { catches } from '../../support/rule-tester.js';

it('reports a drop-in that sets User=root on the unit, at its [Service] section', async () => {
  const files = {
    'etc/systemd/system/openclaw-gateway.service': '[Unit]\nDescription=OpenClaw gateway\n\n[Service]\nExecStart=/usr/bin/openclaw gateway run --bind loopback\nUser=openclaw\n\n[Install]\nWantedBy=multi-user.target\n',
    'etc/systemd/system/openclaw-gateway.service.d/override.conf': '[Service]\nUser=root\n',
  };
  const [f] = await catches('systemd.gateway_runs_as_root', files, ['etc/systemd/system/openclaw-gateway.service:4/drop_in_root']);
  expect([f?.severity, f?.message]).toEqual(['high', "A drop-in of the OpenClaw gateway unit sets User=root: the gateway and its agents' tools run as root."]);
});
