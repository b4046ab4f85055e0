import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertAllowedUrl, isAllowedAddress, isInternalAddress, webhookUrlProblem } from './address-guard';
import { sendWebhook } from './webhook-sender';

describe('webhook addresses', () => {
  it.each([
    '127.0.0.1',
    '127.1',
    '0x7f000001',
    '2130706433',
    '0177.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '192.0.2.1',
    '::1',
    '::',
    '[::1]',
    'fe80::1',
    'fe80::1%eth0',
    'fd00::1',
    'fc00::1',
    '::ffff:127.0.0.1',
    '[::ffff:127.0.0.1]',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '::7f00:1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
    '2001::1',
    '2001:db8::1',
    'not-an-ip',
  ])('refuses the internal address %s', (address) => {
    expect(isInternalAddress(address)).toBe(true);
    expect(isAllowedAddress(address, 'refuse')).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'accepts the public address %s',
    (address) => {
      expect(isInternalAddress(address)).toBe(false);
      expect(isAllowedAddress(address, 'refuse')).toBe(true);
    },
  );

  it('allows only loopback under the loopback policy, everything under allow', () => {
    for (const loopback of ['127.0.0.1', '127.1', '::1', '::ffff:127.0.0.1']) {
      expect(isAllowedAddress(loopback, 'loopback')).toBe(true);
    }
    for (const other of ['169.254.169.254', '10.0.0.1', 'fd00::1', 'fe80::1', '0.0.0.0']) {
      expect(isAllowedAddress(other, 'loopback')).toBe(false);
      expect(isAllowedAddress(other, 'allow')).toBe(true);
    }
  });

  it('refuses other schemes, credentials and fragments', () => {
    expect(webhookUrlProblem('ftp://example.org/x')).toMatch(/http/);
    expect(webhookUrlProblem('https://u:p@example.org/x')).toMatch(/password/);
    expect(webhookUrlProblem('https://example.org/x#y')).toMatch(/fragment/);
    expect(webhookUrlProblem('not a url')).toMatch(/absolute/);
    expect(webhookUrlProblem('https://example.org/hook')).toBeUndefined();
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://127.1/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::1]/hook',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://10.0.0.1/',
    'http://192.168.0.1/',
    'http://172.16.0.1/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://localhost:8080/hook',
    'http://LocalHost:8080/hook',
  ])('refuses %s by default', async (url) => {
    await expect(assertAllowedUrl(url)).rejects.toThrow(/internal address/);
  });

  it('accepts a public address; loopback only under loopback; every address under allow', async () => {
    await expect(assertAllowedUrl('http://8.8.8.8/hook')).resolves.toBeUndefined();
    await expect(assertAllowedUrl('http://127.0.0.1:9/hook', 'loopback')).resolves.toBeUndefined();
    await expect(assertAllowedUrl('http://[::1]:9/hook', 'loopback')).resolves.toBeUndefined();
    await expect(assertAllowedUrl('http://169.254.169.254/', 'loopback')).rejects.toThrow(/internal address/);
    await expect(assertAllowedUrl('http://169.254.169.254/', 'allow')).resolves.toBeUndefined();
  });

  describe('at delivery, on the addresses connected to', () => {
    let server: Server;
    let port: number;
    let received = 0;
    beforeAll(async () => {
      server = createServer((req, res) => {
        received++;
        req.resume();
        res.end('ok');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const send = (url: string, addresses: 'refuse' | 'loopback' | 'allow') =>
      sendWebhook({
        url,
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        messageId: 'msg_1',
        body: '{}',
        timeoutMs: 5_000,
        addresses,
      });

    it('refuses a local receiver by default, by IP literal and by a name resolving to it', async () => {
      await expect(send(`http://127.0.0.1:${port}/`, 'refuse')).rejects.toThrow(/internal/);
      await expect(send(`http://127.1:${port}/`, 'refuse')).rejects.toThrow(/internal/);
      await expect(send(`http://localhost:${port}/`, 'refuse')).rejects.toThrow(/internal/);
      expect(received).toBe(0);
    });

    it('calls it under loopback', async () => {
      await expect(send(`http://127.0.0.1:${port}/`, 'loopback')).resolves.toEqual({ statusCode: 200 });
      await expect(send(`http://localhost:${port}/`, 'loopback')).resolves.toEqual({ statusCode: 200 });
      expect(received).toBe(2);
    });
  });
});
