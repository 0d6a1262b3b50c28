import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { text } from '@rectify/rectify';
import { RectifyError } from '@rectify/tensor';
import { useBackend } from '../backend.js';
import { normalizeText } from '../datasets/moby-dick.js';
import { CliError, UsageError } from '../errors.js';
import type { Io } from '../main.js';
import { parseDecimal } from '../numbers.js';
import { openModelDir } from '../run-dir/model-dir.js';
import { choice, nonNegativeInt, positiveInt } from './parsers.js';

interface GenerateOptions {
  prompt: string;
  length: number;
  temperature: number;
  topK?: number;
  seed: number;
  backend: 'cpu' | 'gpu' | 'wasm';
  json?: boolean;
}

function temperature(value: string): number {
  const n = parseDecimal(value);
  if (n === undefined || n < 0) throw new InvalidArgumentError('expected a decimal number >= 0 (0 is greedy)');
  return n;
}

/** The prompt as token ids under the model's vocabulary; Moby-Dick models see the text folded as in training. */
function encodePrompt(prompt: string, vocabulary: readonly string[], dataset: string | undefined): number[] {
  const folded = dataset === 'moby-dick' ? normalizeText(prompt) : prompt;
  const ids = [...folded].map((c) => vocabulary.indexOf(c));
  const unknown = [...folded].filter((_, i) => ids[i] === -1);
  if (unknown.length > 0) {
    throw new UsageError(
      `--prompt: characters ${JSON.stringify([...new Set(unknown)].join(''))} are not in the model's vocabulary ${JSON.stringify(vocabulary.join(''))}`,
    );
  }
  if (ids.length === 0) throw new UsageError('--prompt: give at least one character');
  return ids;
}

/** `rectify generate <run-dir>`: continues a prompt with a character language model trained with `--model gpt`. */
export function registerGenerate(program: Command, io: Io): void {
  program
    .command('generate')
    .argument('<model-dir>', 'a run directory (or its model directory) of a model trained with --model gpt')
    .description('continue a text prompt with a causal character language model (greedy, temperature, top-k)')
    .requiredOption('--prompt <text>', 'the text to continue')
    .option('--length <n>', 'characters to generate', positiveInt, 200)
    .option('--temperature <t>', 'sampling temperature; 0 is greedy', temperature, 1)
    .option('--top-k <k>', 'sample among the k most likely characters only', positiveInt)
    .option('--seed <n>', 'sampling seed: the same seed gives the same text', nonNegativeInt, 0)
    .option('--backend <name>', 'cpu, gpu or wasm', choice(['cpu', 'gpu', 'wasm'] as const), 'cpu')
    .option('--json', 'print one JSON object: {"prompt", "text"}')
    .addHelpText(
      'after',
      [
        '',
        'Example:',
        '  rectify train --model gpt --dataset moby-dick --backend wasm --out runs/gpt',
        '  rectify generate runs/gpt --prompt "Call me" --length 200 --temperature 0.8 --top-k 20 --seed 1',
      ].join('\n'),
    )
    .action(async (path: string, o: GenerateOptions) => {
      await useBackend(o.backend);
      const { dir, model, info } = await openModelDir(path, (line) => io.stderr.write(`rectify: ${line}\n`));
      const vocabulary = info?.vocabulary;
      if (vocabulary === undefined)
        throw new CliError(`${dir} has no vocabulary in rectify-cli.json: generate needs a model trained on text`);
      const prompt = encodePrompt(o.prompt, vocabulary, info?.dataset);
      let ids: number[];
      try {
        ids = text.generate(model, prompt, {
          length: o.length,
          temperature: o.temperature,
          ...(o.topK !== undefined && { topK: o.topK }),
          seed: o.seed,
        });
      } catch (error) {
        if (error instanceof RectifyError) throw new CliError(`the model in ${dir} cannot generate: ${error.message}`);
        throw error;
      }
      const continuation = ids.map((i) => vocabulary[i] ?? '').join('');
      const folded = [...prompt].map((i) => vocabulary[i]).join('');
      if (o.json) io.stdout.write(`${JSON.stringify({ prompt: folded, text: continuation })}\n`);
      else io.stdout.write(`${folded}${continuation}\n`);
      model.dispose();
    });
}
