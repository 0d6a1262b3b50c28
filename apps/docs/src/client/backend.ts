import type * as Rectify from '@rectify/rectify';

export type BackendChoice = 'cpu' | 'gpu';

const KEY = 'rectify-docs-backend';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked storage (privacy settings, sandboxed frames): the choice just is not remembered
  }
}

/**
 * The header's backend selector, restored from the last visit.
 * @example initBackendSelect(); // on page load
 */
export function initBackendSelect(): void {
  const select = document.querySelector<HTMLSelectElement>('#rf-backend-select');
  if (!select) return;
  const saved = storage()?.getItem(KEY);
  if (saved === 'cpu' || saved === 'gpu') select.value = saved;
  select.addEventListener('change', () => storage()?.setItem(KEY, select.value));
}

/**
 * The backend chosen in the header ('cpu' when the page has no selector).
 * @example chosenBackend() // 'cpu'
 */
export function chosenBackend(): BackendChoice {
  const v = document.querySelector<HTMLSelectElement>('#rf-backend-select')?.value;
  return v === 'gpu' ? 'gpu' : 'cpu';
}

/**
 * Makes `name` the active backend. The GPU backend (gpu.js, a large download) is imported only when first chosen;
 * importing it registers the 'gpu' backend.
 * @example await activateBackend(rf, 'gpu') // 'gpu'
 */
export async function activateBackend(rf: typeof Rectify, name: BackendChoice): Promise<string> {
  if (name === 'gpu') {
    await import('@rectify/backend-gpu');
    await rf.ready('gpu');
  } else {
    rf.setBackend('cpu');
  }
  return rf.backend().name;
}
