import { Global, Module } from '@nestjs/common';
import { DatabaseService } from './database.service';
import { LeaderLock } from './leader-lock.service';

/** The database for every domain: transactions, engine facts and leader locks. */
@Global()
@Module({ providers: [DatabaseService, LeaderLock], exports: [DatabaseService, LeaderLock] })
export class DatabaseModule {}
