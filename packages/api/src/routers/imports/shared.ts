import { z } from 'zod';

export const mappingSchema = z.record(z.string().min(1), z.number().int().min(0), { error: 'mapping must be an object of field key → column index.' });
