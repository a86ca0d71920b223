import { Body, Controller, Get, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Branding, BrandingSettingsView } from '@zegel/shared';
import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { Public } from '../common/public.decorator';
import { ZegelError } from '../common/zegel-error';
import { BrandingService } from './branding.service';

/** The branding as recipients see it: public, read by the pickup page. */
@ApiTags('branding')
@Public()
@Controller('api/v1/branding')
export class BrandingController {
  constructor(private readonly branding: BrandingService) {}

  @Get()
  @ApiOperation({ summary: "The organisation's name, logo, colour and support contacts" })
  get(): Promise<Branding> {
    return this.branding.current();
  }

  @Get('logo')
  @ApiOperation({ summary: "The organisation's logo (PNG, JPEG or SVG)" })
  async logo(@Req() req: Request, @Res() res: Response): Promise<void> {
    const logo = await this.branding.logo();
    if (!logo) throw new ZegelError('NOT_FOUND', 'No logo has been set.');
    const etag = `"${logo.sha256}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // An SVG opened on its own is a document: it may run nothing and load nothing.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', logo.contentType);
    res.end(logo.bytes);
  }
}

/** The branding for admins: read with its version, save naming the version read. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/branding')
export class BrandingAdminController {
  constructor(private readonly branding: BrandingService) {}

  @Get()
  @ApiOperation({ summary: 'The branding with its version' })
  get(): Promise<BrandingSettingsView> {
    return this.branding.view();
  }

  @Put()
  @ApiOperation({
    summary: 'Save the branding; 409 CONFLICT when someone saved a newer version first',
  })
  put(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<BrandingSettingsView> {
    return this.branding.update(body, `admin:${user.email}`, req.ip ?? null);
  }
}
