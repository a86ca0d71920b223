import { startScaleOut, type ScaleOut } from '../support/scale-out';
import { checkOutcome, runMixedLoad, waitForNotifications } from '../support/scale-out-load';

jest.setTimeout(180_000);

/**
 * Three instances behind HAProxy for HTTP and SMTP, sharing PostgreSQL, BullMQ on Redis and Azure
 * Blob Storage (Azurite), keys in SoftHSM. The API and the connector are driven at once and one
 * instance is SIGKILLed mid-load: every 201 and 250 is then notified once, no side effect ran
 * twice, and the evidence chain verifies end to end.
 */
describe('three instances behind HAProxy', () => {
  let scale: ScaleOut;

  beforeAll(async () => {
    scale = await startScaleOut(3);
  });
  afterAll(() => scale?.stop());

  it('loses and repeats nothing when one instance is killed mid-load', async () => {
    const load = await runMixedLoad(scale, {
      tag: 'kill',
      apiMessages: 40,
      smtpMessages: 40,
      killAfter: 30,
    });
    expect(load.killedAt).toBeDefined();
    expect(scale.instances[2].child.exitCode ?? scale.instances[2].child.signalCode).toBe(
      'SIGKILL',
    );
    expect(load.api.size).toBe(40);
    expect(load.smtp.size).toBe(40);
    await waitForNotifications(scale, 'kill', 60_000);
    expect(await checkOutcome(scale, 'kill', load)).toEqual([]);
  });
});
