import type { Rule } from '../types';
import { containerRules } from './docker';
import { kubernetesRules } from './kubernetes';
import { modelRules } from './models';
import { nodeRules } from './node';
import { pythonRules } from './python';
import { rustRules } from './rust';
import { workstationRules } from './workstation';

/** The catalogue, one file per rule under rules/<stack>/. Ids are unique (checked by a test). */
export const ALL_RULES: readonly Rule[] = [
  ...rustRules,
  ...nodeRules,
  ...pythonRules,
  ...containerRules,
  ...kubernetesRules,
  ...modelRules,
  ...workstationRules,
];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.id === id);
}
