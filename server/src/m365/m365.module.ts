import { Module } from '@nestjs/common';
import { ZegelConfig } from '../config/config';
import { M365Connection, m365Connection } from './m365.connection';

/** Zegel's msal-node client and Microsoft Graph, for the delivery (outbound mode `graph`) and the Graph intake. */
@Module({
  providers: [{ provide: M365Connection, inject: [ZegelConfig], useFactory: m365Connection }],
  exports: [M365Connection],
})
export class M365Module {}
