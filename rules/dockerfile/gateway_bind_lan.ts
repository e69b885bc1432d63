import { defineRule } from '../../src/model/rule.js';
import { execArgs, instructions } from '../_shared/dockerfile.js';

/** The gateway's own flag parser: `--bind <mode>` and `--bind=<mode>`. */
function bindValue(args: readonly string[]): string | undefined {
  let v: string | undefined;
  args.forEach((a, i) => {
    if (a === '--bind') v = args[i + 1];
    else if (a.startsWith('--bind=')) v = a.slice(7);
  });
  return v;
}

export default defineRule({
  id: 'dockerfile.gateway_bind_lan',
  title: 'Image starts the OpenClaw gateway on a non-loopback address',
  severity: 'medium',
  appliesTo: ['dockerfile'],
  description:
    'A `CMD` or `ENTRYPOINT` that runs `gateway --bind lan` (or `0.0.0.0`, `auto`, `tailnet`, `custom`) makes every container of this image listen beyond loopback. Inside a container that is what publishing a port needs, so it is not an exposure by itself; but anyone who runs the image with `-p 18789:18789`, or with host networking, exposes the gateway, and only its token protects it. Medium: the image default should be the safe one, with exposure chosen where the container is run.',
  remediation: 'Keep the image default on loopback (`--bind loopback`, or no `--bind`), and choose `--bind lan` in the compose file that also publishes the port on `127.0.0.1` and sets `OPENCLAW_GATEWAY_TOKEN`.',
  references: ['https://docs.docker.com/reference/dockerfile/#cmd', 'https://docs.docker.com/engine/network/packet-filtering-firewalls/'],
  tags: ['dockerfile', 'openclaw', 'network-exposure', 'CWE-1327'],
  precision: 'high',
  check(target, ctx) {
    for (const i of instructions(target.dockerfile)) {
      if (i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT') continue;
      const args = execArgs(i.args);
      if (!args.includes('gateway')) continue;
      const bind = bindValue(args);
      if (bind === undefined || bind === 'loopback' || /^(127\.|::1$|localhost$)/.test(bind) || bind.includes('$')) continue;
      ctx.report({ at: i.at, message: `${i.keyword} starts the OpenClaw gateway with --bind ${bind}: it listens beyond loopback in every container of this image.` });
    }
  },
});
