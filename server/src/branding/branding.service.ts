import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Branding, BrandingSettingsView, LogoType } from '@zegel/shared';
import { LOGO_TYPES, MAX_LOGO_BYTES } from '@zegel/shared';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ZegelConfig } from '../config/config';
import { ZegelError } from '../common/zegel-error';
import { DatabaseService } from '../database/database.service';
import { EvidenceService } from '../evidence/evidence.service';
import { SettingsRepository, type StoredSetting } from '../settings/settings.repository';
import { logoMatchesType, validateBrandingUpdate } from './branding.validation';

const KEY = 'branding';
const EMPTY = { nl: '', en: '' };
/**
 * How long an instance reuses what it read. Several instances share the database; a save on one
 * shows on the others within this time (and at once on the instance that saved it).
 */
const CACHE_MS = 5_000;

/** What the settings row holds: the branding without its URL, and the logo itself. */
interface StoredBranding extends Omit<Branding, 'logoUrl'> {
  logo: { contentType: LogoType; data: string; sha256: string } | null;
}

export interface Logo {
  contentType: LogoType;
  bytes: Buffer;
  sha256: string;
}

/**
 * The organisation's branding for pages and mails, kept in the database and versioned; the
 * configuration (ZEGEL_ORG_*) is only the first-start default. Callers ask each time, so a change
 * shows in the next page and mail.
 */
@Injectable()
export class BrandingService implements OnModuleInit {
  private readonly logger = new Logger('branding');
  private cache: { at: number; stored: StoredSetting<StoredBranding> } | null = null;

  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly settings: SettingsRepository,
    private readonly evidence: EvidenceService,
  ) {}

  async onModuleInit(): Promise<void> {
    if (await this.settings.get(KEY)) return;
    const initial = await this.fromConfig();
    await this.db.transaction((tx) => this.settings.createIfMissing(tx, KEY, initial, 'system'));
  }

  async current(): Promise<Branding> {
    return toBranding((await this.stored()).value);
  }

  async view(): Promise<BrandingSettingsView> {
    const stored = await this.stored(true);
    return {
      ...toBranding(stored.value),
      version: stored.version,
      updatedAt: stored.updatedAt.toISOString(),
      updatedBy: stored.updatedBy,
    };
  }

  async logo(): Promise<Logo | null> {
    const logo = (await this.stored()).value.logo;
    return logo ? { ...logo, bytes: Buffer.from(logo.data, 'base64') } : null;
  }

  /** Saves a change if `version` is still the stored one (else CONFLICT), with its evidence. */
  async update(input: unknown, actor: string, ip: string | null): Promise<BrandingSettingsView> {
    const update = validateBrandingUpdate(input);
    await this.db.transaction(async (tx) => {
      const before = await this.settings.get<StoredBranding>(KEY, tx);
      if (!before) throw new ZegelError('NOT_FOUND', 'The branding has not been set up yet.');
      const logo =
        update.logo === undefined
          ? before.value.logo
          : update.logo && {
              contentType: update.logo.contentType,
              data: update.logo.bytes.toString('base64'),
              sha256: createHash('sha256').update(update.logo.bytes).digest('hex'),
            };
      const after: StoredBranding = {
        organisationName: update.organisationName,
        primaryColour: update.primaryColour,
        supportPhone: update.supportPhone,
        supportUrl: update.supportUrl,
        texts: update.texts,
        logo,
      };
      if (!(await this.settings.replace(tx, KEY, update.version, after, actor)))
        throw new ZegelError(
          'CONFLICT',
          'Someone else changed the branding since you opened it. Reload to see their change.',
        );
      await this.evidence.recordConfigurationChange(tx, {
        actor,
        action: 'branding.update',
        target: 'branding',
        before: forEvidence(before.value),
        after: forEvidence(after),
        ip,
      });
    });
    this.cache = null;
    return this.view();
  }

  private async stored(fresh = false): Promise<StoredSetting<StoredBranding>> {
    if (!fresh && this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.stored;
    const stored = await this.settings.get<StoredBranding>(KEY);
    if (!stored) throw new ZegelError('SERVICE_UNAVAILABLE', 'The branding is not set up yet.');
    this.cache = { at: Date.now(), stored };
    return stored;
  }

  /** The first-start default from ZEGEL_ORG_*; a logo file that is not a usable image is skipped. */
  private async fromConfig(): Promise<StoredBranding> {
    const b = this.config.branding;
    return {
      organisationName: b.organisationName,
      primaryColour: b.primaryColour,
      supportPhone: b.supportPhone ?? null,
      supportUrl: b.supportUrl ?? null,
      texts: { notification: EMPTY, ceId: EMPTY, receipt: EMPTY },
      logo: b.logoFile ? await this.readLogoFile(b.logoFile) : null,
    };
  }

  private async readLogoFile(file: string): Promise<StoredBranding['logo']> {
    const type = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' }[
      extname(file).toLowerCase()
    ] as LogoType | undefined;
    const contentType = type ?? (extname(file).toLowerCase() === '.svg' ? LOGO_TYPES[2] : null);
    const bytes = await readFile(file);
    if (!contentType || bytes.length > MAX_LOGO_BYTES || !logoMatchesType(bytes, contentType)) {
      this.logger.warn({ file }, 'ZEGEL_ORG_LOGO_FILE is not a PNG, JPEG or SVG of at most 256 KB');
      return null;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return { contentType, data: bytes.toString('base64'), sha256 };
  }
}

function toBranding(stored: StoredBranding): Branding {
  const { logo, ...rest } = stored;
  return { ...rest, logoUrl: logo ? '/api/v1/branding/logo' : null };
}

/** The evidence names the logo by its digest; the image itself stays out of the log. */
function forEvidence(stored: StoredBranding): unknown {
  const { logo, ...rest } = stored;
  return { ...rest, logo: logo ? { contentType: logo.contentType, sha256: logo.sha256 } : null };
}
