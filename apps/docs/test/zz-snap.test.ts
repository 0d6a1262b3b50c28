import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { activationsMarkdown } from '../src/site/activations-section.js';
it('snap', () => { writeFileSync(process.env.SNAP!, activationsMarkdown()); });
