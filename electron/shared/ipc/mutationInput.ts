import { z } from 'zod';
import { mutationNameSchema } from '../sync/mutations';

/** `mutation.submit`: a staff action, queued with its local effect (args checked per name in the core). */
export const submitMutationInputSchema = z.strictObject({ name: mutationNameSchema, args: z.unknown() });
