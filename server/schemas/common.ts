import { z } from "zod";

/** A UUID in its text form, any case (how ids arrive in paths, tokens and slugs-or-ids). */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID_PATTERN.test(s);

export const uuid = (what = "id") => z.uuid({ message: `${what} must be a UUID` });
export const idInput = z.object({ id: uuid() });
export const limitField = z.number().int().min(1).max(100).default(20);
export const cursorField = z.string().max(200).nullish();
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
