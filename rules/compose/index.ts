import type { AnyRule } from '../../src/model/rule.js';
import privileged from './privileged.js';

export const composeRules: readonly AnyRule[] = [privileged];
