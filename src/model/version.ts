import pkg from '../../package.json' with { type: 'json' };

export const TOOL_NAME = 'Gatewarden';
export const TOOL_VERSION: string = pkg.version;
export const TOOL_URI = 'https://github.com/gatewarden/gatewarden';
/** Where each rule's generated page lives, for help links. */
export function ruleDocUrl(ruleId: string): string {
  return `${TOOL_URI}/blob/main/docs/rules/${ruleId}.md`;
}
