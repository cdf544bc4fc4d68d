/** The cards Worker's input, validated (kept out of the main Worker's bundle). */
import * as z from "zod/mini";
import type { CardModel } from "./model";

export const CardModelSchema = z.object({
  title: z.string().check(z.maxLength(500)),
  category: z.string().check(z.maxLength(100)),
  date: z.string().check(z.maxLength(40)),
  source: z.nullable(z.string().check(z.maxLength(100))),
  site: z.string().check(z.maxLength(100)),
  imageUrl: z.nullable(z.string().check(z.maxLength(2048))),
}) satisfies z.ZodMiniType<CardModel>;
