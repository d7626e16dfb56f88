/** A one-line latency trace (▁▂▃▄▅▆▇█), always exactly `width` cells, blank until there is data. */
import { Text } from 'ink';
import { sparkline } from '../series.js';
import { useTone, type Tone } from '../theme.js';

export interface SparklineProps {
  values: readonly number[];
  width: number;
  color?: Tone;
}

export function Sparkline({ values, width, color = 'cyan' }: SparklineProps) {
  const tone = useTone();
  return <Text color={tone(color)}>{sparkline(values, width)}</Text>;
}
