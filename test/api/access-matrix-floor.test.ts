import { describe } from 'vitest';
import { matrixSuite } from './access/matrix.ts';
import { FLOOR_ROUTES } from './access/routes-floor.ts';

/** The access matrix for marketing capture, scoring and the sales floor (see access-matrix.test.ts). */
const { testRoutes } = matrixSuite();

describe('access matrix: marketing capture, scoring and the sales floor', () => {
  testRoutes(FLOOR_ROUTES);
});
