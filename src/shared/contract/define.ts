import type { z } from 'zod';

/** One request/response channel: the payload main accepts and the value it answers with. */
export interface InvokeSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
}

/** Declares an invoke channel; the types of both sides are inferred from the schemas. */
export function invoke<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): InvokeSpec<Req, Res> {
  return { request, response };
}
