import { z } from "zod";

export const uuid = (what = "id") => z.uuid({ message: `${what} must be a UUID` });
export const idInput = z.object({ id: uuid() });
export const limitField = z.number().int().min(1).max(100).default(20);
export const cursorField = z.string().max(200).nullish();
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
