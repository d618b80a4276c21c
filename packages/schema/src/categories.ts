import { z } from 'zod';
import { WELL_FORMED_MESSAGE, isWellFormed } from './text.js';
import { Id, IdParam } from './common.js';

export const CategoryKind = z.enum(['income', 'expense']);

export const CategoryName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(50, 'must be at most 50 characters')
  .refine(isWellFormed, WELL_FORMED_MESSAGE);

export const Category = z.object({
  id: Id,
  name: z.string(),
  kind: CategoryKind,
  transactionCount: z.number().int().nonnegative(),
});

export const CategoryList = z.object({ items: z.array(Category) });

export const CreateCategoryBody = z.strictObject({ name: CategoryName, kind: CategoryKind });

export const UpdateCategoryBody = z
  .strictObject({ name: CategoryName.optional(), kind: CategoryKind.optional() })
  .refine((body) => body.name !== undefined || body.kind !== undefined, 'name or kind is required');

export const DeleteCategoryQuery = z.object({ moveTo: IdParam.optional() });

export type CategoryKind = z.infer<typeof CategoryKind>;
export type Category = z.infer<typeof Category>;
export type CategoryList = z.infer<typeof CategoryList>;
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>;
