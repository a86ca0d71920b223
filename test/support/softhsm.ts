import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's softhsm2 package puts the PKCS#11 module. */
export const SOFTHSM_LIBRARY = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmToken {
  library: string;
  tokenLabel: string;
  pin: string;
  pinFile: string;
  /** Deletes the token and the PIN file. */
  cleanup(): void;
}

/**
 * A fresh SoftHSM2 token with a unique label, initialised with softhsm2-util in the token
 * directory of the system configuration (/etc/softhsm/softhsm2.conf). SoftHSM reads its
 * configuration from the real environment when the module is initialised, which a Jest worker's
 * process.env does not reach, so each test file uses its own token instead of its own directory.
 */
export function createSoftHsmToken(): SoftHsmToken {
  const tokenLabel = `zegel-test-${randomBytes(6).toString('hex')}`;
  const pin = randomBytes(4).toString('hex');
  execFileSync(
    'softhsm2-util',
    ['--init-token', '--free', '--label', tokenLabel, '--pin', pin, '--so-pin', `so-${pin}`],
    { stdio: 'pipe' },
  );
  const dir = mkdtempSync(join(tmpdir(), 'zegel-softhsm-'));
  const pinFile = join(dir, 'pin');
  writeFileSync(pinFile, `${pin}\n`, { mode: 0o600 });
  return {
    library: SOFTHSM_LIBRARY,
    tokenLabel,
    pin,
    pinFile,
    cleanup: () => {
      execFileSync('softhsm2-util', ['--delete-token', '--token', tokenLabel], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
