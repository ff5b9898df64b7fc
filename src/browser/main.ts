/** Bundle entry of the demo page: starts the page and publishes its API for scripted runs. */
import { startDemo, type DemoApi } from './demo-app.js';

declare global {
  interface Window {
    facetsDemo?: Promise<DemoApi>;
  }
}

window.facetsDemo = startDemo();
