import { Module } from '@nestjs/common';
import { SettingsRepository } from './settings.repository';

/** The organisation's versioned settings (one row per key). */
@Module({ providers: [SettingsRepository], exports: [SettingsRepository] })
export class SettingsModule {}
