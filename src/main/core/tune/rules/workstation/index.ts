import type { Rule } from '../../types';
import { cpuGovernorRule } from './cpu-governor';
import { nvidiaPersistenceRule } from './nvidia-persistence';

/** Machine settings: findings carry commands for the user and are never applied by Tunebench. */
export const workstationRules: Rule[] = [cpuGovernorRule, nvidiaPersistenceRule];
