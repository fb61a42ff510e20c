import { onnx, type OnnxTypes } from './onnx';
import { dataType, tensorProto, type ElemType } from './tensor-data';
import type { Dim } from './types';

type AttrType = OnnxTypes.AttributeProto.AttributeType;
const A = onnx.AttributeProto.AttributeType;

export const attr = {
  int: (name: string, i: number): OnnxTypes.IAttributeProto => ({ name, type: A.INT as AttrType, i }),
  ints: (name: string, ints: number[]): OnnxTypes.IAttributeProto => ({ name, type: A.INTS as AttrType, ints }),
  float: (name: string, f: number): OnnxTypes.IAttributeProto => ({ name, type: A.FLOAT as AttrType, f }),
};

export interface GraphIo {
  name: string;
  type: ElemType;
  shape: Dim[];
}

/**
 * An ONNX graph under construction: nodes in insertion order, initialisers, unique names. When
 * `materialize` is false no weight is generated (initialiser values are thunks never called), which makes
 * model metadata (parameter and FLOP counts) cheap to compute from the very code that builds the model.
 */
export class Graph {
  private readonly nodes: OnnxTypes.INodeProto[] = [];
  private readonly initializers: OnnxTypes.ITensorProto[] = [];
  private readonly used = new Map<string, number>();

  constructor(readonly materialize: boolean) {}

  /** A fresh name: `prefix`, then `prefix_1`, `prefix_2`, … */
  unique(prefix: string): string {
    const count = this.used.get(prefix) ?? 0;
    this.used.set(prefix, count + 1);
    return count === 0 ? prefix : `${prefix}_${count}`;
  }

  node(opType: string, inputs: string[], attributes: OnnxTypes.IAttributeProto[] = [], output?: string): string {
    const out = output ?? this.unique(opType.toLowerCase());
    this.nodes.push({ opType, input: inputs, output: [out], name: this.unique(`n_${opType}`), attribute: attributes });
    return out;
  }

  initializer(prefix: string, type: ElemType, dims: number[], values: () => ArrayLike<number>): string {
    const name = this.unique(prefix);
    if (this.materialize) this.initializers.push(tensorProto(name, type, dims, values()));
    return name;
  }

  /** Give the tensor produced last under `from` its public name (graph outputs need fixed names). */
  rename(from: string, to: string): void {
    for (const node of this.nodes) {
      node.output = (node.output ?? []).map((n) => (n === from ? to : n));
      node.input = (node.input ?? []).map((n) => (n === from ? to : n));
    }
  }

  encode(meta: { name: string; doc: string; opset: number; inputs: GraphIo[]; outputs: GraphIo[] }): Uint8Array {
    const valueInfo = (io: GraphIo): OnnxTypes.IValueInfoProto => ({
      name: io.name,
      type: {
        tensorType: {
          elemType: dataType(io.type),
          shape: { dim: io.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
        },
      },
    });
    const model: OnnxTypes.IModelProto = {
      // IR version 8 is the one opset 17 requires (and the newest onnx-proto's schema knows).
      irVersion: 8,
      producerName: 'tunebench',
      producerVersion: '1',
      docString: meta.doc,
      opsetImport: [{ domain: '', version: meta.opset }],
      graph: {
        name: meta.name,
        node: this.nodes,
        initializer: this.initializers,
        input: meta.inputs.map(valueInfo),
        output: meta.outputs.map(valueInfo),
      },
    };
    return onnx.ModelProto.encode(model).finish();
  }
}
