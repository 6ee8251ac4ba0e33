// The widget's English words as it fetches them (src/widget/locales/en.json), for tests that expect
// them instead of writing them down.
import type { ApiErrorCode } from '../../src/widget/api/client.js';
import type { MessageId } from '../../src/widget/messages.js';
import { localeWords } from './locale-words.js';

export const english = (await localeWords('en')) as Record<MessageId, string>;

/** The widget's words for an error code. */
export const errorMessage = (code: ApiErrorCode): string => english[`error.${code}`];
