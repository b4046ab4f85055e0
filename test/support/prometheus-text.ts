/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for the tests: every
 * line must be a `# HELP`, a `# TYPE` or a sample `name{label="value",…} number`, or parsing fails
 * with the line. Small on purpose: prom-client writes the format but does not read it.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  types: Map<string, string>;
  /** The value of the one sample with this name and these labels (others may exist); undefined: none. */
  value(name: string, labels?: Record<string, string>): number | undefined;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];

/** A sample's value: a float as Prometheus parses it (Go's ParseFloat: `NaN` and `Inf` in any case, e.g. prom-client's `Nan`). */
function number(text: string, line: string): number {
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`not a number in: ${line}`);
  return value;
}

function labels(text: string | undefined, line: string): Record<string, string> {
  const result: Record<string, string> = {};
  if (!text) return result;
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) throw new Error(`bad labels in: ${line}`);
    result[match[1]] = match[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  return result;
}

export function parsePrometheusText(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) continue;
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice('# TYPE '.length).split(' ');
      if (!new RegExp(`^${NAME}$`).test(name) || !TYPES.includes(type)) throw new Error(`bad TYPE line: ${line}`);
      types.set(name, type);
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    samples.push({ name: match[1], labels: labels(match[2], line), value: number(match[3], line) });
  }
  return {
    samples,
    types,
    value(name, wanted = {}) {
      return samples.find(
        (s) => s.name === name && Object.entries(wanted).every(([key, value]) => s.labels[key] === value),
      )?.value;
    },
  };
}
