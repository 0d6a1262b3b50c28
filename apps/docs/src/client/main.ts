import './styles.css';
import { initBackendSelect } from './backend.js';

initBackendSelect();

const examples = document.querySelectorAll<HTMLElement>('.rf-example');
if (examples.length > 0) {
  const { mountExample } = await import('./example-runner.js');
  examples.forEach(mountExample);
}

const playground = document.querySelector<HTMLElement>('#rf-playground');
if (playground) {
  const { mountPlayground } = await import('../playground/playground-ui.js');
  mountPlayground(playground);
}
document.body.dataset['ready'] = 'true';
