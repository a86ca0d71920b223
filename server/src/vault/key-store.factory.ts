import type { ZegelConfig } from '../config/config';
import type { KeyStore } from './key-store';
import { LocalKeyStore } from './key-store.adapter';

/**
 * The key store the configuration names. The HSM and Key Vault adapters are loaded only when
 * chosen, so the embedded default never loads the PKCS#11 module or the Azure SDK.
 */
export async function openKeyStore(
  config: ZegelConfig,
  hasEncryptedData: boolean,
): Promise<KeyStore> {
  const settings = config.keyStore;
  if (settings.type === 'pkcs11') {
    const { Pkcs11KeyStore } = await import('./pkcs11-key-store.adapter');
    return Pkcs11KeyStore.open(settings, config.keyDir, config.dataDir, hasEncryptedData);
  }
  if (settings.type === 'azure-key-vault') {
    const { AzureKeyVaultKeyStore } = await import('./azure-key-vault-key-store.adapter');
    const { DefaultAzureCredential } = await import('@azure/identity');
    return AzureKeyVaultKeyStore.open(
      { ...settings, credential: new DefaultAzureCredential(), caFile: config.smarttls.caFile },
      config.keyDir,
      config.dataDir,
      hasEncryptedData,
    );
  }
  // A blob store shared by several instances: keys come from the key ceremony, never from a start.
  const shared = config.storage.blobStore !== 'local';
  return LocalKeyStore.open(config.keyDir, config.dataDir, hasEncryptedData, !shared);
}
