import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { GpuProfile } from '../../../../shared/schemas/hardware';
import { smiNumber, smiText } from './units';

export interface SmiXmlSummary {
  driverVersion: string | null;
  cudaVersion: string | null;
  gpus: GpuProfile[];
}

export class SmiXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmiXmlError';
  }
}

type XmlNode = Record<string, unknown>;

function child(node: unknown, ...path: string[]): unknown {
  let current: unknown = node;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as XmlNode)[key];
  }
  return current;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Power limit moved from <power_readings><power_limit> to <gpu_power_readings><current_power_limit> in R530. */
function powerLimit(gpu: unknown): number | null {
  return (
    smiNumber(child(gpu, 'gpu_power_readings', 'current_power_limit')) ??
    smiNumber(child(gpu, 'power_readings', 'power_limit')) ??
    smiNumber(child(gpu, 'gpu_power_readings', 'power_limit')) ??
    smiNumber(child(gpu, 'power_readings', 'enforced_power_limit'))
  );
}

function computeCapability(gpu: unknown): string | null {
  const direct = smiText(child(gpu, 'compute_cap'));
  if (direct) return direct;
  const major = smiText(child(gpu, 'cuda_compute_capability', 'major'));
  const minor = smiText(child(gpu, 'cuda_compute_capability', 'minor'));
  return major && minor ? `${major}.${minor}` : null;
}

/** Parses `nvidia-smi -q -x` output (root element <nvidia_smi_log>). */
export function parseSmiXml(xml: string): SmiXmlSummary {
  let doc: unknown;
  try {
    doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: true }).parse(xml);
  } catch (error) {
    throw new SmiXmlError(`nvidia-smi -q -x printed malformed XML: ${(error as Error).message}`);
  }
  const log = child(doc, 'nvidia_smi_log');
  if (log === undefined || typeof log !== 'object') {
    const start = xml.trim().slice(0, 80).replace(/\s+/g, ' ');
    throw new SmiXmlError(`nvidia-smi -q -x did not print an <nvidia_smi_log> document (it began with "${start}")`);
  }
  // The parser accepts unclosed and mismatched tags silently, so a truncated report would pass as valid.
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    throw new SmiXmlError(
      `nvidia-smi -q -x printed malformed XML: ${validation.err.msg} (line ${validation.err.line}, col ${validation.err.col})`,
    );
  }
  const driverVersion = smiText(child(log, 'driver_version'));
  const cudaVersion = smiText(child(log, 'cuda_version'));
  const gpus = asArray(child(log, 'gpu')).map((gpu, index): GpuProfile => {
    const link = child(gpu, 'pci', 'pci_gpu_link_info');
    return {
      // nvidia-smi lists GPUs in its own index order (PCI bus order), which --query-gpu=index also uses.
      index,
      name: smiText(child(gpu, 'product_name')) ?? 'unknown NVIDIA GPU',
      uuid: smiText(child(gpu, 'uuid')) ?? '',
      vramTotalMiB: smiNumber(child(gpu, 'fb_memory_usage', 'total')),
      driverVersion,
      cudaVersion,
      computeCapability: computeCapability(gpu),
      powerLimitW: powerLimit(gpu),
      pcie: {
        currentGen: smiNumber(child(link, 'pcie_gen', 'current_link_gen')),
        maxGen: smiNumber(child(link, 'pcie_gen', 'max_link_gen')),
        currentWidth: smiNumber(child(link, 'link_widths', 'current_link_width')),
        maxWidth: smiNumber(child(link, 'link_widths', 'max_link_width')),
      },
    };
  });
  return { driverVersion, cudaVersion, gpus };
}
