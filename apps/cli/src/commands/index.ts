import type { Command } from 'commander';
import type { Io, RunState } from '../main.js';
import { registerCompare } from './compare.js';
import { registerDatasets } from './datasets.js';
import { registerEvaluate } from './evaluate.js';
import { registerExport } from './export.js';
import { registerGenerate } from './generate.js';
import { registerInspect } from './inspect.js';
import { registerPredict } from './predict.js';
import { registerTrain } from './train.js';

/** Adds every subcommand, one file each, in the order `rectify --help` lists them. */
export function registerCommands(program: Command, io: Io, state: RunState): void {
  registerTrain(program, io, state);
  registerEvaluate(program, io);
  registerPredict(program, io);
  registerGenerate(program, io);
  registerInspect(program, io);
  registerExport(program, io);
  registerCompare(program, io, state);
  registerDatasets(program, io);
}
