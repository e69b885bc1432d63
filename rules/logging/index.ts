import type { AnyRule } from '../../src/model/rule.js';
import redactOff from './redact_off.js';

export const loggingRules: readonly AnyRule[] = [redactOff];
