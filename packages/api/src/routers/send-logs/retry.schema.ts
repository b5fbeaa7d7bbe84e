import { z } from 'zod';

export const retryInput = z.object({
  ids: z.array(z.uuid('Each id must be a valid send log id.')).min(1, 'Choose at least one send log.').max(500, 'At most 500 per request.'),
});
