import { resolve } from 'node:path';
import type { Probe, ProbeContext } from '../engine/types.js';
import type { BridgeConfig } from './bridge-config.js';

interface State {
  file: string;
  load: (path: string) => BridgeConfig;
  /** The last parsed config, kept so the work is observable and cannot be elided. */
  last: BridgeConfig | null;
  loads: number;
}

const probe: Probe<State> = {
  id: 'config_loading',
  title: 'Config loading',
  description: 'Read, parse (YAML/JSON) and validate the voice bridge config file',
  defaultIterations: 100,
  target: 'avg<10ms',

  async setup(ctx: ProbeContext): Promise<State> {
    // zod + yaml cost ~100 ms to import; the TUI imports every probe module at start-up.
    const { loadBridgeConfig } = await import('./bridge-config.js');
    const file = resolve(ctx.options.configFile ?? resolve(ctx.assetsDir, 'bridge-config.yaml'));
    // Loading once here turns a bad file into a setup failure with the ConfigError's message,
    // rather than 100 identical iteration errors.
    const last = loadBridgeConfig(file);
    return { file, load: loadBridgeConfig, last, loads: 0 };
  },

  run(state: State): void {
    // Deliberately no caching: the bridge re-reads its config on start and on reload, and the
    // file system read is part of what this stage costs on an SD card.
    state.last = state.load(state.file);
    state.loads++;
  },

  teardown(state: State): void {
    state.last = null;
  },
};

export default probe;
