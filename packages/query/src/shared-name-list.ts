// Column-name lists that stand for their contents by identity (see @cassia/schema's
// shared-name-list.ts): made by a model's layout, one per set of INSERT columns, and keyed by
// identity in the shape cache and the plain-INSERT texts.
import { isSharedNameList as isShared, type SharedNameList } from '@cassia/schema/internal';

export type { SharedNameList } from '@cassia/schema/internal';
export { shareNameList } from '@cassia/schema/internal';

/** Whether `names` was made by shareNameList (bound once, so a call is not a re-export's getter). */
export const isSharedNameList: (names: readonly string[]) => names is SharedNameList = isShared;
