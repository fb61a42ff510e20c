import type { Rule } from '../../types';
import { fastapiOrjson } from './fastapi-orjson';
import { redisPoolLimit } from './redis-pool-limit';
import { torchInferenceMode } from './torch-inference-mode';
import { uvicornWorkers } from './uvicorn-workers';
import { uvloop } from './uvloop';

/**
 * Python service rules. Code changes are advice (the snippet to paste); only a requirements.txt line
 * or a Dockerfile CMD flag is written automatically.
 */
export const pythonRules: Rule[] = [fastapiOrjson, uvicornWorkers, uvloop, torchInferenceMode, redisPoolLimit];
