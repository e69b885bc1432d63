import type { AnyRule } from '../../src/model/rule.js';
import appsEnabled from './apps.enabled.js';

export const mcpRules: readonly AnyRule[] = [appsEnabled];
