import type { AnyRule } from '../../src/model/rule.js';
import legacy from './legacy.js';
import smallParams from './small_params.js';
import weakTier from './weak_tier.js';

export const modelsRules: readonly AnyRule[] = [legacy, smallParams, weakTier];
