import {
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only what the app's charts draw is registered, so the rest of chart.js stays out of the bundle.
// A new kind of chart registers its controller, elements and scales here.
// Filler shades the band of an interval (eNPS ± its 90% interval) under a trend line.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Filler);

// Charts speak the page's typography and muted text colour (see app.css) rather than chart.js's own.
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
Chart.defaults.color = '#4a5565';
Chart.defaults.borderColor = '#e1e6eb';

/** chart.js with the app's components registered; import it from here, never from 'chart.js' directly. */
export { Chart };
