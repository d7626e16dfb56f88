import os from 'node:os';
import type { HostInfo } from './types.js';

export function hostInfo(): HostInfo {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: os.platform(),
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    totalMem: os.totalmem(),
    node: process.version,
  };
}
