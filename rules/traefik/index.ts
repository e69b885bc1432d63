import type { AnyRule } from '../../src/model/rule.js';
import dashboardNoAuth from './dashboard_no_auth.js';
import insecureApi from './insecure_api.js';

export const traefikRules: readonly AnyRule[] = [dashboardNoAuth, insecureApi];
