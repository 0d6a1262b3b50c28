import * as rf from '@rectify/rectify';
// Importing a backend package registers it; `rf.ready(name)` initialises (fetching .wasm files, compiling kernels).
import '@rectify/backend-wasm';
import '@rectify/backend-gpu';
import { MODEL_URL, probePredictions, trainClassifier } from './classifier.js';
import { plotLoss } from './loss-plot.js';

const EPOCHS = 12;

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const backendSelect = $<HTMLSelectElement>('#backend');
const buttons = {
  train: $<HTMLButtonElement>('#train'),
  save: $<HTMLButtonElement>('#save'),
  load: $<HTMLButtonElement>('#load'),
};
let model: rf.LayersModel | null = null;

/** One action at a time: the page's state (read by people and by the browser test) and the buttons follow it. */
async function act(busy: string, done: string, action: () => Promise<string>): Promise<void> {
  document.body.dataset['state'] = 'busy';
  $('#status').textContent = busy;
  for (const b of Object.values(buttons)) b.disabled = true;
  backendSelect.disabled = true;
  try {
    $('#status').textContent = await action();
    document.body.dataset['state'] = done;
  } catch (e) {
    $('#status').textContent = `Failed: ${(e as Error).message}`;
    document.body.dataset['state'] = 'error';
    console.error(e);
  } finally {
    buttons.train.disabled = false;
    buttons.save.disabled = buttons.load.disabled = model === null;
    backendSelect.disabled = false;
  }
}

async function useBackend(name: string): Promise<string> {
  const backend = await rf.ready(name);
  $('#backend-info').textContent = JSON.stringify({ name: backend.name, ...backend.info }, null, 2);
  return `Backend: ${backend.name}.`;
}

async function train(): Promise<string> {
  const losses: number[] = [];
  $('#losses').replaceChildren();
  $('#predictions-trained').textContent = $('#predictions-loaded').textContent = '';
  const started = performance.now();
  model = await trainClassifier(EPOCHS, (epoch, loss) => {
    losses.push(loss);
    const item = document.createElement('li');
    item.dataset['loss'] = String(loss);
    item.textContent = loss.toFixed(4);
    $('#losses').append(item);
    plotLoss($<SVGSVGElement>('#loss-plot'), losses);
  });
  $('#predictions-trained').textContent = JSON.stringify(probePredictions(model));
  return `Trained ${EPOCHS} epochs on ${rf.getBackend()} in ${((performance.now() - started) / 1000).toFixed(1)} s.`;
}

async function save(): Promise<string> {
  await model!.save(MODEL_URL);
  return `Saved to ${MODEL_URL}.`;
}

async function load(): Promise<string> {
  const loaded = await rf.loadModel(MODEL_URL);
  $('#predictions-loaded').textContent = JSON.stringify(probePredictions(loaded));
  return `Loaded ${MODEL_URL} on ${rf.getBackend()}.`;
}

backendSelect.addEventListener(
  'change',
  () => void act('Starting the backend…', 'ready', () => useBackend(backendSelect.value)),
);
buttons.train.addEventListener('click', () => void act('Training…', 'trained', train));
buttons.save.addEventListener('click', () => void act('Saving…', 'saved', save));
buttons.load.addEventListener('click', () => void act('Loading…', 'loaded', load));
void act('Starting the backend…', 'ready', () => useBackend(backendSelect.value));
