import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('Salesforce project files', () => {
  it('sfdx-project.json points at the package directory in this workspace', async () => {
    const project = JSON.parse(await readFile(`${root}sfdx-project.json`, 'utf8'));
    const directories = project.packageDirectories as { path: string; default?: boolean }[];
    expect(directories.filter((d) => d.default).map((d) => d.path)).toEqual(['salesforce-package/force-app']);
    expect((await stat(`${root}salesforce-package/force-app/main/default`)).isDirectory()).toBe(true);
    expect(project.sourceApiVersion).toMatch(/^\d+\.0$/);
  });

  it('.forceignore keeps jest tests out of what is deployed', async () => {
    const ignored = (await readFile(`${root}.forceignore`, 'utf8')).split('\n').map((line) => line.trim());
    expect(ignored).toContain('**/__tests__/**');
  });
});
