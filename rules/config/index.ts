import type { AnyRule } from '../../src/model/rule.js';
import parseError from './parse_error.js';

export const configRules: readonly AnyRule[] = [parseError];
