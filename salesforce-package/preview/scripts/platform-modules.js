import { existsSync } from 'node:fs';
import path from 'node:path';
import { platformDir } from './paths.js';

// The modules Salesforce provides to components, mapped to the preview's stand-ins in src/platform. Resolved before
// the LWC plugin sees them, so lightning-base-components' own lightning/navigation (which needs Salesforce's
// force/navigation) is never used.

const FILES = {
  '@salesforce/apex': 'apex/index.js',
  '@salesforce/i18n/locale': 'i18n/locale.js',
  'lightning/empApi': 'lightning/empApi.js',
  'lightning/navigation': 'lightning/navigation.js',
  'lightning/platformShowToastEvent': 'lightning/platformShowToastEvent.js',
  'lightning/uiRecordApi': 'lightning/uiRecordApi.js',
};

const APEX = /^@salesforce\/apex\/(\w+)\.(\w+)$/;
const VIRTUAL_APEX = '\0sdr-preview-apex:';

export function platformModules() {
  return {
    name: 'sdr-preview-platform',
    resolveId(source) {
      if (source in FILES) return path.join(platformDir, FILES[source]);
      const apex = APEX.exec(source);
      if (!apex) return null;
      const file = path.join(platformDir, 'apex', `${apex[1]}.js`);
      if (!existsSync(file)) {
        this.error(
          `${source}: the preview has no stand-in for Apex class ${apex[1]} (add src/platform/apex/${apex[1]}.js)`,
        );
      }
      return `${VIRTUAL_APEX}${apex[1]}.${apex[2]}`;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL_APEX)) return null;
      const [className, method] = id.slice(VIRTUAL_APEX.length).split('.');
      const file = JSON.stringify(path.join(platformDir, 'apex', `${className}.js`));
      const wire = JSON.stringify(path.join(platformDir, 'apex', 'wire.js'));
      // A missing method fails the build here, rather than the page at run time.
      return `import { apexMethod } from ${wire};\nimport { ${method} } from ${file};\nexport default apexMethod(${method});\n`;
    },
  };
}
