import type { OvAddon } from '../../src/main/core/inference/backends/openvino-api';

export interface FakeOpenVinoOptions {
  /** Devices the fake lists, e.g. ["CPU", "NPU"]; default ["CPU"]. */
  devices?: string[];
  /** "fails": Model.reshape throws. */
  reshape?: 'fails';
  /** "helper": AUTO reports "(CPU)" (its CPU helper) instead of "CPU". */
  auto?: 'helper';
}

export declare const NPU_DYNAMIC_SHAPE_ERROR: string;
export declare function createFakeOpenVino(options?: FakeOpenVinoOptions): { addon: OvAddon };
export declare const addon: OvAddon;
