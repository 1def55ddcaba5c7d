import { z } from 'zod';
import { LinkHealth, RateBudget, StreamStatus } from '../model';
import { invoke } from './define';

export const StatusSnapshot = z.object({
  streams: z.array(StreamStatus),
  limits: z.array(RateBudget),
  links: z.array(LinkHealth),
});
export type StatusSnapshot = z.infer<typeof StatusSnapshot>;

export const statusInvoke = {
  'status:get': invoke(z.undefined(), StatusSnapshot),
} as const;

export const statusEvents = {
  /** Whenever a stream changes state, and at most a few times a second otherwise. */
  'status:update': StatusSnapshot,
} as const;
