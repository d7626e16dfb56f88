// asciichart ships no types; this is the part of its API the latency chart uses.
declare module 'asciichart' {
  export interface PlotConfig {
    min?: number;
    max?: number;
    /** Columns left of the axis, labels included. */
    offset?: number;
    padding?: string;
    /** Rows of the plot area (the chart is height + 1 lines). */
    height?: number;
    /** ANSI colour sequences, one per series. */
    colors?: string[];
    symbols?: string[];
    format?: (x: number, i: number) => string;
  }
  interface AsciiChart {
    plot(series: number[] | number[][], cfg?: PlotConfig): string;
    red: string;
    green: string;
    yellow: string;
    cyan: string;
    blue: string;
    magenta: string;
    darkgray: string;
    lightgray: string;
    reset: string;
  }
  const asciichart: AsciiChart;
  export default asciichart;
}
