import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { plain } from '../../../test/ui-helpers.js';
import { ProbeList, visibleWindow, type ProbeListRow } from './ProbeList.js';

const rows: ProbeListRow[] = [
  { id: 'config_loading', description: 'Read, parse and validate the config', selected: true, iterations: 100, target: 'avg<10ms' },
  { id: 'vad', description: 'One Silero frame', selected: false, iterations: 7, target: 'p(95)<20ms' },
];

describe('ProbeList', () => {
  it('draws checkbox, id, description, count and target, pointing at the focused row', () => {
    const lines = plain(render(<ProbeList rows={rows} focus={1} width={80} />).lastFrame()).split('\n');
    expect(lines[0]).toMatch(/probe\s+what one iteration does\s+iterations target/);
    expect(lines[1]).toMatch(/^  \[x\] config_loading\s+Read, parse and validate the …\s+100× avg<10ms/);
    expect(lines[2]).toMatch(/^› \[ \] vad\s+One Silero frame\s+7× p\(95\)<20ms/);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('drops the description before anything else on a narrow terminal', () => {
    const frame = plain(render(<ProbeList rows={rows} focus={0} width={50} />).lastFrame());
    expect(frame).not.toContain('Read, parse');
    expect(frame).toContain('config_loading');
    expect(frame).toContain('avg<10ms');
  });

  it('shows the count being typed in place of the focused row count', () => {
    const frame = plain(render(<ProbeList rows={rows} focus={0} width={80} editingCount="25" />).lastFrame());
    expect(frame).toMatch(/config_loading.*25▏/);
  });

  it('scrolls to keep the focused row in view', () => {
    expect(visibleWindow(10, 0, 4)).toEqual([0, 4]);
    expect(visibleWindow(10, 9, 4)).toEqual([6, 10]);
    expect(visibleWindow(10, 5, 4)).toEqual([3, 7]);
    const many = Array.from({ length: 8 }, (_, i) => ({ ...rows[0]!, id: `probe_${i}` }));
    const frame = plain(render(<ProbeList rows={many} focus={7} width={80} maxRows={3} />).lastFrame());
    expect(frame).toContain('probe_7');
    expect(frame).not.toContain('probe_0');
    expect(frame).toContain('↑ 5 more');
  });
});
