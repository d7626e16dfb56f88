/** A one-line text field with a label and, below it, why the text is not accepted (if it is not). */
import { Box, Text } from 'ink';
import { useTone } from '../theme.js';

export interface InputLineProps {
  label: string;
  text: string;
  error?: string | null;
  hint?: string;
}

export function InputLine({ label, text, error, hint }: InputLineProps) {
  const tone = useTone();
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start">
        <Text bold>{label} </Text>
        <Text color={tone('yellow')}>{text}▏</Text>
      </Text>
      {error ? (
        <Text color={tone('red')} wrap="wrap">✗ {error}</Text>
      ) : hint ? (
        <Text dimColor wrap="truncate-end">{hint}</Text>
      ) : null}
    </Box>
  );
}
