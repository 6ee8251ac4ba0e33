import type { Localized, Vars } from '../localize.js';
import type { MessageId } from '../messages.js';

/** The key of a `mapper.<key>` message (locales/en.json). */
export type MapperWord = MessageId extends infer I ? (I extends `mapper.${infer K}` ? K : never) : never;

/** The mapper's words in its element's language: the message `mapper.<key>`, its `{placeholders}` filled. */
export const t = (host: { l10n: Localized }, key: MapperWord, vars?: Vars): string => host.l10n.t(`mapper.${key}`, vars);
