import { keySourceProblem } from './key-source.util';

describe('keySourceProblem', () => {
  it.each([
    ['https://login.microsoftonline.com/t/discovery/v2.0/keys', undefined],
    ['http://127.0.0.1:4000/jwks', undefined],
    ['http://localhost:4000/jwks', undefined],
    ['http://[::1]:4000/jwks', undefined],
    ['http://idp.example.nl/jwks', /must use https/],
    ['http://127.0.0.1.example.nl/jwks', /must use https/],
    ['ftp://127.0.0.1/jwks', /must use https/],
    ['not a url', /not a URL/],
  ])('%s', (url, problem) => {
    const result = keySourceProblem(url);
    if (problem) expect(result).toMatch(problem);
    else expect(result).toBeUndefined();
  });
});
