import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RecipientPhoneEntry } from '@zegel/shared';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { ZegelError } from '../common/zegel-error';
import { RecipientPhoneRepository } from './recipient-phone.repository';
import { RecipientRegister } from './recipient-register.service';
import { ADDRESS, PHONE } from './submission.validation';

/** The recipient register: phone numbers for the CE-ID by SMS, kept by admins. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/admin/recipient-phones')
export class RecipientPhonesController {
  constructor(
    private readonly phones: RecipientPhoneRepository,
    private readonly register: RecipientRegister,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The register, by address; page with `after`' })
  async list(
    @Query('after') after?: string,
    @Query('limit') limit?: string,
  ): Promise<RecipientPhoneEntry[]> {
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000)
      throw new ZegelError('VALIDATION_FAILED', 'limit must be 1 to 1000.');
    return (await this.phones.list(n, after)).map((p) => ({
      address: p.address,
      phone: p.phone,
      updatedAt: p.updatedAt.toISOString(),
      updatedBy: p.updatedBy,
    }));
  }

  @Put(':address')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set the phone number for an address (E.164, e.g. +31612345678)' })
  async put(
    @CurrentUser() user: AuthenticatedUser,
    @Param('address') raw: string,
    @Body() body: { phone?: unknown } | undefined,
    @Req() req: Request,
  ): Promise<void> {
    const address = raw.toLowerCase();
    const phone = body?.phone;
    const details = [
      ...(ADDRESS.test(address) && address.length <= 254
        ? []
        : [{ path: 'address', message: 'is not an e-mail address' }]),
      ...(typeof phone === 'string' && PHONE.test(phone)
        ? []
        : [{ path: 'phone', message: 'must be an international number such as +31612345678' }]),
    ];
    if (details.length)
      throw new ZegelError('VALIDATION_FAILED', 'The entry is not valid.', details);
    await this.register.set(address, phone as string, `admin:${user.email}`, req.ip ?? null);
  }

  @Delete(':address')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an address from the register' })
  async remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('address') address: string,
    @Req() req: Request,
  ): Promise<void> {
    await this.register.remove(address.toLowerCase(), `admin:${user.email}`, req.ip ?? null);
  }
}
