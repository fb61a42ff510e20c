import type { Rule } from '../../types';
import { kubernetesResources } from './resources';

/** Kubernetes manifest rules; manifests are read with the `yaml` parser for line-accurate evidence. */
export const kubernetesRules: Rule[] = [kubernetesResources];
