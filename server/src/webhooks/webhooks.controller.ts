import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { validateEndpointInput, validateSecretRotation } from './webhook-endpoint.validation';
import { WebhooksService } from './webhooks.service';

const ID = /^[0-9a-f-]{36}$/;

/** Admin API of the webhook endpoints that receive signed evidence events (Standard Webhooks). */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/webhooks')
export class WebhooksController {
  /** Plain http endpoints are accepted in development mode only. */
  private readonly allowHttp: boolean;
  private readonly defaultGraceMs: number;

  constructor(
    private readonly webhooks: WebhooksService,
    config: ZegelConfig,
  ) {
    this.allowHttp = config.authMode === 'dev';
    this.defaultGraceMs = config.webhooks.secretGraceMs;
  }

  @Get()
  @ApiOperation({ summary: 'The webhook endpoints (without their secrets)' })
  list() {
    return this.webhooks.list();
  }

  @Post()
  @ApiOperation({
    summary:
      'Add an endpoint: url, eventTypes, optional secret (whsec_…), description, allowedPrivateTargets',
  })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Req() req: Request) {
    const input = validateEndpointInput(body, this.allowHttp);
    return this.webhooks.create(input, `admin:${user.email}`, req.ip ?? null);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One endpoint' })
  get(@Param('id') id: string) {
    return this.webhooks.get(checkId(id));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace an endpoint; a secret in the body replaces the old one' })
  replace(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
  ) {
    const input = validateEndpointInput(body, this.allowHttp);
    return this.webhooks.replace(checkId(id), input, `admin:${user.email}`, req.ip ?? null);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Rotate the secret: optional secret (whsec_…) and graceSeconds; the old secret signs as well until the grace period ends',
  })
  rotateSecret(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: Request,
  ) {
    const input = validateSecretRotation(body);
    const graceMs =
      input.graceSeconds === undefined ? this.defaultGraceMs : input.graceSeconds * 1000;
    return this.webhooks.rotateSecret(
      checkId(id),
      { secret: input.secret, graceMs },
      `admin:${user.email}`,
      req.ip ?? null,
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an endpoint and its delivery log' })
  async remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Req() req: Request,
  ): Promise<void> {
    await this.webhooks.remove(checkId(id), `admin:${user.email}`, req.ip ?? null);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log, newest first; page with `before` (a createdAt)' })
  deliveries(
    @Param('id') id: string,
    @Query('limit') limit?: string,
    @Query('before') before?: string,
  ) {
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      throw new ZegelError('VALIDATION_FAILED', 'limit must be 1 to 1000.');
    const at = before === undefined ? undefined : new Date(before);
    if (at && Number.isNaN(at.getTime()))
      throw new ZegelError('VALIDATION_FAILED', 'before must be an ISO 8601 time.');
    return this.webhooks.deliveries(checkId(id), n, at);
  }
}

function checkId(id: string): string {
  if (!ID.test(id)) throw new ZegelError('NOT_FOUND', 'No such webhook endpoint.');
  return id;
}
