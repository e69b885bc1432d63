import type { AnyRule } from '../../src/model/rule.js';
import mdnsFullMode from './mdns_full_mode.js';

export const discoveryRules: readonly AnyRule[] = [mdnsFullMode];
