import { extname } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { readTextFile } from '../datasets/csv.js';
import { UsageError } from '../errors.js';
import { formatIssues } from './format-issues.js';
import { configSchema, type ConfigInput } from './schema.js';

/** A training config needs few aliases, if any; the limit stops a small file from expanding to gigabytes. */
const MAX_YAML_ALIASES = 32;

/**
 * Parses config text as JSON (`.json`) or YAML (anything else; YAML is a superset of JSON), reporting syntax errors
 * with the file and line.
 *
 * @example
 * parseConfigText('epochs: 3\ndataset: { name: iris }', 'run.yaml'); // { epochs: 3, dataset: { name: 'iris' } }
 */
export function parseConfigText(text: string, file: string): unknown {
  if (extname(file).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new UsageError(`${file}: not valid JSON: ${(error as Error).message}`);
    }
  }
  try {
    return parseYaml(text, { prettyErrors: true, maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (error) {
    // The yaml library's guard against exponential alias expansion throws a plain ReferenceError.
    if (error instanceof ReferenceError && /alias count/i.test(error.message)) {
      throw new UsageError(
        `${file}: not a usable config: its YAML aliases (*name) expand too much (over ${MAX_YAML_ALIASES} alias uses, as in a "billion laughs" file); write the values out instead`,
      );
    }
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      const where = at === undefined ? '' : `:${at.line}:${at.col}`;
      throw new UsageError(`${file}${where}: not valid YAML: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
}

/**
 * Checks a parsed config against the schema. Every problem becomes one line naming the path to the bad field,
 * what is allowed and what was received; they are joined into one `UsageError`.
 *
 * @example
 * validateConfig({ dataset: { name: 'iris' }, epochs: 0 }, 'run.yaml');
 * // throws: run.yaml: invalid config: epochs: expected number to be >0, received 0
 */
export function validateConfig(input: unknown, source: string): ConfigInput {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new UsageError(
      `${source}: invalid config: expected a mapping of settings at the top level, received ${input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input}`,
    );
  }
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const lines = formatIssues(configSchema, input, result.error.issues);
  throw new UsageError(`${source}: invalid config: ${lines.join('; ')}`);
}

/**
 * Reads, parses and validates a config file.
 *
 * @example
 * const config = loadConfigFile('apps/cli/examples/iris-mlp.yaml');
 */
export function loadConfigFile(path: string): ConfigInput {
  return validateConfig(parseConfigText(readTextFile(path, 'config file'), path), path);
}
