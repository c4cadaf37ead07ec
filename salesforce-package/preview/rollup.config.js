// `npx rollup -c` builds the bundle alone; `npm run build` also copies the page and the SLDS assets.
import { rollupOptions } from './scripts/rollup-options.js';

export default rollupOptions();
