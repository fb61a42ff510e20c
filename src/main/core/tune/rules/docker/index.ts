import type { Rule } from '../../types';
import { cacheHygiene } from './cache-hygiene';
import { dockerignore } from './dockerignore';
import { layerOrder } from './layer-order';
import { multiStage } from './multi-stage';
import { productionInstall } from './production-install';
import { slimBase } from './slim-base';

/** Dockerfile rules: image size and build cache. Each reads Dockerfiles through dockerfile-ast only. */
export const containerRules: Rule[] = [multiStage, slimBase, dockerignore, layerOrder, cacheHygiene, productionInstall];
