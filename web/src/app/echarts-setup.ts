import { BarChart, FunnelChart, LineChart, SankeyChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Loaded on demand by chart.tsx, so no page pays for charts before it shows one. Only what
// the cockpit draws is here; the rest (echarts-extras.ts) loads when an option needs it.
echarts.use([
  BarChart,
  FunnelChart,
  LineChart,
  SankeyChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { echarts };
