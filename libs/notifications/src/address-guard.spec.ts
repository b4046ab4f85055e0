import { assertPublicUrl, isInternalAddress, webhookUrlProblem } from './address-guard';

describe('webhook addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-ip',
  ])('refuses the internal address %s', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'accepts the public address %s',
    (address) => {
      expect(isInternalAddress(address)).toBe(false);
    },
  );

  it('refuses other schemes, credentials and fragments', () => {
    expect(webhookUrlProblem('ftp://example.org/x')).toMatch(/http/);
    expect(webhookUrlProblem('https://u:p@example.org/x')).toMatch(/password/);
    expect(webhookUrlProblem('https://example.org/x#y')).toMatch(/fragment/);
    expect(webhookUrlProblem('not a url')).toMatch(/absolute/);
    expect(webhookUrlProblem('https://example.org/hook')).toBeUndefined();
  });

  it('refuses a host name that resolves to loopback, and IP literals of private ranges', async () => {
    await expect(assertPublicUrl('http://localhost:8080/hook')).rejects.toThrow(/internal address/);
    await expect(assertPublicUrl('http://[::1]/hook')).rejects.toThrow(/internal address/);
    await expect(assertPublicUrl('http://169.254.169.254/latest/meta-data')).rejects.toThrow(/internal address/);
    await expect(assertPublicUrl('http://8.8.8.8/hook')).resolves.toBeUndefined();
  });
});
