import { workerMetricsAddress } from './temporal-runtime';

describe("the worker's metrics address", () => {
  it('is off at port 0, and brackets an IPv6 host', () => {
    expect(workerMetricsAddress({ host: '127.0.0.1', metrics: { workerPort: 0 } })).toBeUndefined();
    expect(workerMetricsAddress({ host: '0.0.0.0', metrics: { workerPort: 9464 } })).toBe('0.0.0.0:9464');
    expect(workerMetricsAddress({ host: '::1', metrics: { workerPort: 9464 } })).toBe('[::1]:9464');
  });
});
