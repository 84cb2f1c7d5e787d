/**
 * What is left of the server's own corpus queries now that every corpus view
 * is a Store method (src/store/types.ts, answered in SQL by each backend):
 * only this thin helper, kept for the write routes. No SQL lives here.
 */
import type { Store } from "../store/types.js";

/** Delete one article with its index entry and rows; false when no article has that id. */
export function deleteArticle(store: Store, id: string): Promise<boolean> {
  return store.delete(id);
}
