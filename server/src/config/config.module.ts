import { DynamicModule, Global, Module } from '@nestjs/common';
import { ZegelConfig } from './config';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: ZegelConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: ZegelConfig, useValue: config }],
      exports: [ZegelConfig],
    };
  }
}
