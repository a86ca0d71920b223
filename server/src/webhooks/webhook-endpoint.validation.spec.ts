import { ZegelError } from '../common/zegel-error';
import { newWebhookSecret, urlProblem, validateEndpointInput } from './webhook-endpoint.validation';

const problems = (body: unknown, allowHttp = false): string[] => {
  try {
    validateEndpointInput(body, allowHttp);
    return [];
  } catch (error) {
    return ((error as ZegelError).details ?? []).map((d) => d.path).sort();
  }
};

describe('webhook endpoint validation', () => {
  const good = { url: 'https://soc.example.nl/zegel', eventTypes: ['SubmissionAcceptance'] };

  it('takes a minimal endpoint and fills the defaults', () => {
    expect(validateEndpointInput(good, false)).toEqual({
      ...good,
      description: '',
      allowedPrivateTargets: [],
      enabled: true,
    });
  });

  it.each([
    ['http://soc.example.nl/', false, 'must start with https://'],
    ['http://soc.example.nl/', true, null],
    ['https://user:pw@soc.example.nl/', false, 'must not carry a user name or password'],
    ['https://soc.example.nl/#x', false, 'must not have a #fragment'],
    ['soc.example.nl', false, 'must be an absolute URL'],
    ['ftp://soc.example.nl/', true, 'must start with https:// or http://'],
    [
      `https://soc.example.nl/${'a'.repeat(2048)}`,
      false,
      'must be an absolute URL of at most 2048 characters',
    ],
    [42, false, 'must be an absolute URL of at most 2048 characters'],
  ])('url %s (http allowed: %s) → %s', (url, allowHttp, problem) => {
    expect(urlProblem(url, allowHttp)).toBe(problem);
  });

  it.each([
    [{}, ['eventTypes', 'url']],
    [{ ...good, eventTypes: [] }, ['eventTypes']],
    [{ ...good, eventTypes: ['Nope'] }, ['eventTypes']],
    [{ ...good, eventTypes: 'SubmissionAcceptance' }, ['eventTypes']],
    [{ ...good, allowedPrivateTargets: ['10.0.0.0/33'] }, ['allowedPrivateTargets']],
    [{ ...good, allowedPrivateTargets: Array(21).fill('10.0.0.1') }, ['allowedPrivateTargets']],
    [{ ...good, enabled: 'yes' }, ['enabled']],
    [{ ...good, description: 'x'.repeat(201) }, ['description']],
    [{ ...good, secret: 'whsec_short' }, ['secret']],
    [{ ...good, secret: 'abc' + 'A'.repeat(44) }, ['secret']],
    [null, ['eventTypes', 'url']],
  ])('refuses %j', (body, paths) => {
    expect(problems(body)).toEqual(paths);
  });

  it('accepts a secret in the Standard Webhooks form, and makes fresh ones', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(newWebhookSecret()).not.toBe(secret);
    expect(validateEndpointInput({ ...good, secret }, false).secret).toBe(secret);
  });
});
