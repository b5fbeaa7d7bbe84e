import { z } from 'zod';

export const idSchema = z.uuid('Must be an id (UUID).');
export const byIdInput = z.object({ id: idSchema });
