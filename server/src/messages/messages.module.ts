import { Module } from '@nestjs/common';
import { ContentService } from './content.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

@Module({
  controllers: [MessagesController],
  providers: [MessagesService, ContentService],
  exports: [ContentService, MessagesService],
})
export class MessagesModule {}
