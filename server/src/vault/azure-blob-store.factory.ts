import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import type { ZegelConfig } from '../config/config';
import { AzureBlobStore } from './azure-blob-store.adapter';

/**
 * Connects to the configured container (connection string, or account URL with the Azure default
 * credential: managed or workload identity) and creates it when missing.
 */
export async function openAzureBlobStore(
  settings: NonNullable<ZegelConfig['storage']['azure']>,
): Promise<AzureBlobStore> {
  const service = settings.connectionString
    ? BlobServiceClient.fromConnectionString(settings.connectionString)
    : new BlobServiceClient(settings.accountUrl!, new DefaultAzureCredential());
  const store = new AzureBlobStore(service.getContainerClient(settings.container), {
    blockBytes: settings.blockBytes,
  });
  await store.init();
  return store;
}
