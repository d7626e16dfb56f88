/** Every key of the current screen, in a box drawn over it. */
import { Box, Text } from 'ink';
import { KEYS, type ScreenName } from '../keys.js';
import { padEnd } from '../text.js';

export interface HelpOverlayProps {
  screen: ScreenName;
}

const TITLES: Record<ScreenName, string> = {
  picker: 'Picker keys', run: 'Live run keys', summary: 'Summary keys',
  soak: 'Soak setup keys', 'soak-run': 'Live soak keys', 'soak-summary': 'Soak summary keys',
};

export function HelpOverlay({ screen }: HelpOverlayProps) {
  const keys = KEYS[screen];
  const keyW = Math.max(...keys.map((k) => k.keys.length)) + 2;
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>{TITLES[screen]}</Text>
      {keys.map((k) => (
        <Text key={k.keys} wrap="truncate-end">
          <Text bold>{padEnd(k.keys, keyW)}</Text>
          {k.action}
        </Text>
      ))}
      <Text dimColor>press any key to close</Text>
    </Box>
  );
}
