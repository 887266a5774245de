import { describe } from 'vitest';
import { matrixSuite } from './access/matrix.ts';
import { REVENUE_ROUTES } from './access/routes-revenue.ts';

/** The access matrix for revenue analytics, pipeline and Customer Success (see access-matrix.test.ts). */
const { testRoutes } = matrixSuite();

describe('access matrix: revenue analytics, pipeline and Customer Success', () => {
  testRoutes(REVENUE_ROUTES);
});
