import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformanceSuite } from '@rectify/tensor/testing';
import '@rectify/backend-gpu';

runConformanceSuite('gpu', { describe, it, expect, beforeAll, afterAll }, { tolerance: 1e-4 });
