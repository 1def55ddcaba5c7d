export { background, describeError } from './background';
export { systemClock, type Clock } from './clock';
export { ClockSkewEstimator } from './clock-skew';
export { RateLimiter, RateLimitedError, type RateRule, type RateLimiterOptions, type ScheduleOptions } from './rate-limiter';
export {
  HttpClient,
  transportErr,
  type HttpClientOptions,
  type HttpFailure,
  type HttpLinkStats,
  type HttpMethod,
  type HttpOutcome,
  type HttpReply,
  type HttpRequest,
} from './http-client';
export {
  ResilientSocket,
  type BackoffOptions,
  type MessageListener,
  type ResilientSocketOptions,
  type StateListener,
} from './resilient-socket';
