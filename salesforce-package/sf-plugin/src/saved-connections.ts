import { ConfigFile, Global } from '@salesforce/core';

/**
 * What "sf sdr connect" leaves behind for the other commands: per org id, the service URL, the tenant and its API
 * key, in `~/.sf/sdr-connections.json`. The key is encrypted with the same machine key sf uses for access tokens
 * (ConfigStore encrypts every property named in `encryptedKeys`), so the file alone does not give it away.
 */

export type SavedConnection = {
  backendUrl: string;
  apiKey: string;
  tenantId: string | null;
  savedAt: string;
};

type Contents = Record<string, SavedConnection>;

export class SavedConnections extends ConfigFile<ConfigFile.Options, Contents> {
  protected static override encryptedKeys = ['apiKey'];

  public static override getFileName(): string {
    return 'sdr-connections.json';
  }

  public static override getDefaultOptions(): ConfigFile.Options {
    return {
      ...ConfigFile.getDefaultOptions(true, SavedConnections.getFileName()),
      isState: true,
      // sf's own folder (~/.sf), not the one it shares with the older sfdx (~/.sfdx).
      stateFolder: Global.SF_STATE_FOLDER,
    };
  }

  static async open(): Promise<SavedConnections> {
    return SavedConnections.create(SavedConnections.getDefaultOptions());
  }

  /** The connection of an org, its key decrypted; undefined when the org was never connected. */
  find(orgId: string): SavedConnection | undefined {
    const saved = this.get(orgId, true) as SavedConnection | undefined;
    return saved && typeof saved.backendUrl === 'string' ? saved : undefined;
  }

  async save(orgId: string, connection: SavedConnection): Promise<void> {
    this.set(orgId, connection);
    await this.write();
  }
}
