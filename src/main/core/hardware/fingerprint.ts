import { createHash } from 'node:crypto';

export interface FingerprintInput {
  /** OS machine id (/etc/machine-id, IOPlatformUUID, MachineGuid); empty when unknown. */
  machineId: string;
  cpuModel: string;
  threads: number;
  memoryTotalBytes: number;
  gpuUuids: string[];
}

/**
 * A stable id for "this machine as benchmarked": the OS machine id plus the parts that change
 * results. Swapping a GPU or adding RAM gives a new fingerprint on purpose. Memory is rounded
 * to GiB because the kernel's reserved share moves a little between boots.
 */
export function machineFingerprint(input: FingerprintInput): string {
  const memoryGiB = Math.round(input.memoryTotalBytes / 2 ** 30);
  const canonical = [
    input.machineId.trim().toLowerCase(),
    input.cpuModel.trim(),
    String(input.threads),
    String(memoryGiB),
    ...[...input.gpuUuids].sort(),
  ].join('|');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
