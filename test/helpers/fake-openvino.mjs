// A stand-in for openvino-node's addon, for tests only: openvino-node needs Node 21+ and downloads
// its runtime at install time, so it cannot run here. It implements the subset Tunebench uses
// (Core.readModel/compileModel/getAvailableDevices/getProperty, CompiledModel, InferRequest.inferAsync,
// Tensor, element) and runs every model with the REAL onnxruntime on the CPU, so outputs and the
// agreement check are real. What needs hardware it does not have (a GPU, an NPU) comes from recorded
// OpenVINO outputs in test/fixtures/recorded/openvino/ (see the README there).
//
// Plain JavaScript so that the built CLI and its worker processes can load it through
// TUNEBENCH_OPENVINO_MODULE. Tests in-process call createFakeOpenVino(options); a process that loads
// the module reads the same options from the environment:
//   TUNEBENCH_FAKE_OPENVINO_DEVICES  devices it lists, comma-separated (default "CPU")
//   TUNEBENCH_FAKE_OPENVINO_RESHAPE  "fails": Model.reshape throws
//   TUNEBENCH_FAKE_OPENVINO_AUTO     "helper": AUTO reports "(CPU)" instead of "CPU"
import { readFileSync } from 'node:fs';
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node';

const RECORDED = new URL('../fixtures/recorded/openvino/', import.meta.url);
const recorded = (name) => readFileSync(new URL(name, RECORDED), 'utf8');

/** The C++ exception text of the NPU plugin for dynamic shapes, without Python's "RuntimeError: ". */
export const NPU_DYNAMIC_SHAPE_ERROR = recorded('npu-compile-dynamic-shape-error-2024.3.txt')
  .trimEnd()
  .replace(/^RuntimeError: /, '');

/** "[ INFO ] Execution Devices: [ CPU ]" → ["CPU"]; "EXECUTION_DEVICES: (CPU)" → ["(CPU)"]. */
const AUTO_FALLBACK = /Execution Devices: \[ (.+) \]/
  .exec(recorded('benchmark-app-auto-fallback-to-cpu.txt'))[1]
  .split(' ');
const AUTO_HELPER = /EXECUTION_DEVICES: (.+)$/m.exec(recorded('benchmark-app-auto-cpu-helper.txt'))[1].split(' ');

const FULL_NAMES = {
  CPU: /FULL_DEVICE_NAME: (.+)$/m.exec(recorded('hello-query-device-py-core-ultra9-288v-cpu-partial.txt'))[1],
  NPU: /^Name: (.+)$/m.exec(recorded('npu-properties-npuinfo-intel-npu-llm.txt'))[1],
};

/** openvino-node's Tensor element types (helper.cpp get_supported_types) → onnxruntime's names. */
const ORT_TYPES = {
  f32: 'float32',
  f64: 'float64',
  i8: 'int8',
  u8: 'uint8',
  i16: 'int16',
  u16: 'uint16',
  i32: 'int32',
  u32: 'uint32',
  i64: 'int64',
  u64: 'uint64',
};
const OV_TYPES = Object.fromEntries(Object.entries(ORT_TYPES).map(([ov, ort]) => [ort, ov]));

export const element = { u8: 0, u32: 1, u16: 2, u64: 3, i8: 4, i16: 5, i32: 6, i64: 7, f32: 8, f64: 9, string: 10 };

class Tensor {
  #type;
  #shape;
  #data;
  constructor(type, shape, data) {
    if (!(type in ORT_TYPES)) throw new Error('Cannot create ov::element::Type');
    // openvino-node's cast_to_tensor refuses views with an offset; the fake is as strict.
    if (data.byteOffset !== 0) throw new Error('TypedArray.byteOffset has to be equal to zero.');
    const size = shape.reduce((a, b) => a * b, 1);
    if (data.length !== size)
      throw new Error("Memory allocated using shape and element::type mismatch passed data's size");
    this.#type = type;
    this.#shape = [...shape];
    this.#data = data;
  }
  get data() {
    return this.#data;
  }
  getData() {
    return this.#data;
  }
  getShape() {
    return [...this.#shape];
  }
  getElementType() {
    return element[this.#type];
  }
}

class PartialShape {
  #dims;
  constructor(dims) {
    this.#dims = dims;
  }
  isStatic() {
    return this.#dims.every((d) => d >= 0);
  }
  isDynamic() {
    return !this.isStatic();
  }
  toString() {
    return `[${this.#dims.map((d) => (d < 0 ? '?' : d)).join(',')}]`;
  }
  getDimensions() {
    return [...this.#dims];
  }
}

class Output {
  constructor(name, dims) {
    this.anyName = name;
    this.dims = dims;
  }
  getAnyName() {
    return this.anyName;
  }
  getPartialShape() {
    return new PartialShape(this.dims);
  }
  toString() {
    return `<ConstOutput: names[${this.anyName}] shape${this.getPartialShape()}>`;
  }
}

const declaredDims = (meta) => (meta.isTensor ? meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : -1)) : []);

class Model {
  constructor(session, options) {
    this.session = session;
    this.options = options;
    this.inputs = session.inputMetadata.map((m) => new Output(m.name, declaredDims(m)));
    this.outputs = session.outputMetadata.map((m) => new Output(m.name, declaredDims(m)));
  }
  isDynamic() {
    return [...this.inputs, ...this.outputs].some((o) => o.getPartialShape().isDynamic());
  }
  reshape(shapes) {
    if (this.options.reshape === 'fails') {
      throw new Error('fake OpenVINO: reshape refused (TUNEBENCH_FAKE_OPENVINO_RESHAPE=fails)');
    }
    for (const [name, shape] of shapes) {
      const input = this.inputs.find((i) => i.anyName === name);
      if (!input) throw new Error(`fake OpenVINO: the model has no input ${name}`);
      const dims = String(shape)
        .replace(/[[\]\s]/g, '')
        .split(',')
        .map(Number);
      if (dims.length !== input.dims.length || dims.some((d, i) => input.dims[i] >= 0 && input.dims[i] !== d)) {
        throw new Error(`fake OpenVINO: ${name} ${input.getPartialShape()} cannot take ${shape}`);
      }
      input.dims = dims;
    }
    return this;
  }
}

class InferRequest {
  constructor(compiled) {
    this.compiled = compiled;
  }
  async inferAsync(inputs) {
    const feeds = {};
    for (const input of this.compiled.inputs) {
      const tensor = inputs[input.anyName];
      if (!tensor) throw new Error(`fake OpenVINO: no tensor for input ${input.anyName}`);
      const shape = tensor.getShape();
      // A statically compiled model (the NPU after reshape) takes exactly its shapes.
      if (input.dims.some((d, i) => d >= 0 && d !== shape[i])) {
        throw new Error(
          `fake OpenVINO: input ${input.anyName} is ${input.getPartialShape()}, got [${shape.join(',')}]`,
        );
      }
      const type = Object.keys(element).find((k) => element[k] === tensor.getElementType());
      feeds[input.anyName] = new OrtTensor(ORT_TYPES[type], tensor.data, shape);
    }
    const results = await this.compiled.session.run(feeds);
    const out = {};
    for (const [name, value] of Object.entries(results))
      out[name] = new Tensor(OV_TYPES[value.type], value.dims, value.data);
    return out;
  }
}

class CompiledModel {
  constructor(model, device, config, options) {
    this.session = model.session;
    this.inputs = model.inputs.map((i) => new Output(i.anyName, [...i.dims]));
    this.outputs = model.outputs;
    const throughput = config.PERFORMANCE_HINT === 'THROUGHPUT';
    const kind = device.split('.')[0];
    this.properties = {
      EXECUTION_DEVICES:
        kind === 'AUTO' ? (options.auto === 'helper' ? AUTO_HELPER : AUTO_FALLBACK) : [kind === 'GPU' ? 'GPU.0' : kind],
      PERFORMANCE_HINT: config.PERFORMANCE_HINT ?? 'LATENCY',
      NUM_STREAMS: config.NUM_STREAMS ?? (throughput ? 4 : 1),
      OPTIMAL_NUMBER_OF_INFER_REQUESTS: throughput ? 4 : 1,
      ...(kind === 'NPU' ? {} : { INFERENCE_NUM_THREADS: config.INFERENCE_NUM_THREADS ?? 0 }),
    };
  }
  getProperty(name) {
    if (!(name in this.properties)) throw new Error(`fake OpenVINO: unsupported property ${name}`);
    return this.properties[name];
  }
  createInferRequest() {
    return new InferRequest(this);
  }
}

export function createFakeOpenVino(options = {}) {
  const devices = options.devices ?? ['CPU'];
  class Core {
    getAvailableDevices() {
      return [...devices];
    }
    getProperty(device, name) {
      if (name !== 'FULL_DEVICE_NAME') throw new Error(`fake OpenVINO: unsupported property ${name}`);
      return FULL_NAMES[device.split('.')[0]] ?? `${device} (fake)`;
    }
    async readModel(model) {
      const bytes = typeof model === 'string' ? readFileSync(model) : model;
      return new Model(await InferenceSession.create(bytes), options);
    }
    async compileModel(model, device, config = {}) {
      const kind = device.split('.')[0];
      if (kind !== 'AUTO' && !devices.some((d) => d.split('.')[0] === kind)) {
        throw new Error(`Device with "${device}" name is not registered in the OpenVINO Runtime`);
      }
      if (kind === 'NPU' && model.inputs.some((i) => i.getPartialShape().isDynamic())) {
        throw new Error(NPU_DYNAMIC_SHAPE_ERROR);
      }
      return new CompiledModel(model, device, config, options);
    }
  }
  return {
    addon: {
      Core,
      Tensor,
      element,
      getOpenvinoVersion: () => ({ buildNumber: 'fake-openvino (onnxruntime-node on the CPU)', description: 'fake' }),
    },
  };
}

const fromEnvironment = createFakeOpenVino({
  devices: (process.env.TUNEBENCH_FAKE_OPENVINO_DEVICES || 'CPU').split(','),
  reshape: process.env.TUNEBENCH_FAKE_OPENVINO_RESHAPE,
  auto: process.env.TUNEBENCH_FAKE_OPENVINO_AUTO,
});
export const addon = fromEnvironment.addon;
