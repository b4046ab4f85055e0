import { ConnectionOptions, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

type GrpcInterceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/**
 * The SDK's default gRPC retries (back-off up to 5 s between attempts, ten attempts: about 18 s
 * when the server is down), bounded by the call's deadline: no retry is planned past it, and
 * the last wait ends at it. Without this, a retry scheduled before the deadline would fire (and
 * the call end) up to 5 s after it, since the deadline is enforced by each attempt, not by the
 * wait between attempts.
 */
export function deadlineBoundedRetryInterceptor(): GrpcInterceptor {
  const defaults = defaultGrpcRetryOptions();
  return (options, nextCall) => {
    const deadline = options.deadline === undefined ? Infinity : new Date(options.deadline).getTime();
    const remaining = () => deadline - Date.now();
    return makeGrpcRetryInterceptor({
      retryableDecider: (attempt, status) => remaining() > 0 && defaults.retryableDecider(attempt, status),
      delayFunction: (attempt, status) => Math.max(0, Math.min(defaults.delayFunction(attempt, status), remaining())),
    })(options, nextCall);
  };
}
