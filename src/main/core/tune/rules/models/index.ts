import type { Rule } from '../../types';
import { fasterDeviceRule } from './faster-device';
import { sessionOptionsRule } from './session-options';

/** Advice from measured inference runs; the code that loads the model is the user's to change. */
export const modelRules: Rule[] = [fasterDeviceRule, sessionOptionsRule];
