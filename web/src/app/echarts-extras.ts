import { HeatmapChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  MarkAreaComponent,
  MarkLineComponent,
  VisualMapComponent,
} from 'echarts/components';
import { echarts } from './echarts-setup.ts';

// The chart types and components only some pages draw (see chart-needs.ts).
echarts.use([
  HeatmapChart,
  PieChart,
  ScatterChart,
  DataZoomComponent,
  MarkAreaComponent,
  MarkLineComponent,
  VisualMapComponent,
]);
