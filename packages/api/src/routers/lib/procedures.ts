// The errors routers and services throw, so their messages read alike; trpc.ts maps them to tRPC codes.
export { conflict, invalid as badRequest, notFound, precondition } from '../../errors.ts';
