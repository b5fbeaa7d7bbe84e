// Input pieces the team procedures, the invitee's side and the account share.
import { z } from 'zod';

export const emailSchema = z.email('Enter a valid email address.').transform((e) => e.trim().toLowerCase());
export const roleSchema = z.enum(['admin', 'member'], { error: 'Role must be admin or member.' });
export const passwordSchema = z.string().min(8, 'Passwords need at least 8 characters.').max(200, 'Passwords can be at most 200 characters.');
