import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformanceSuite } from '@rectify/tensor/testing';

// The CPU backend against itself: trivially equal, but it proves that every case runs, that no case leaks
// buffers, and that the suite's inputs are valid for every kernel.
runConformanceSuite('cpu', { describe, it, expect, beforeAll, afterAll });
