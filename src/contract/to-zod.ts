import * as z from 'zod/mini';
import type { Infer, ObjectShape, OptionalShape, Shape } from './shape.js';

// An optional member is a ZodMiniOptional, so `z.infer` makes its key optional.
type Member<S> = S extends OptionalShape<infer I> ? z.ZodMiniOptional<z.ZodMiniType<Infer<I>>> : z.ZodMiniType<Infer<S>>;

/** The zod schema of a shape, typed so that `z.infer` gives `Infer<S>` and objects stay extendable (`z.extend`). */
export type ZodOf<S extends Shape> =
  S extends ObjectShape<infer P> ? z.ZodMiniObject<{ -readonly [K in keyof P]: Member<P[K]> }> : z.ZodMiniType<Infer<S>>;

const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * The zod schema that accepts what `conforms(shape, …)` accepts, for the server and the OpenAPI
 * document. The contract marks each call pure (`#__PURE__`), so the widget's bundle drops it and zod.
 */
export const toZod = schemaOf as <S extends Shape>(shape: S) => ZodOf<S>;

function schemaOf(s: Shape): z.ZodMiniType {
  switch (s.t) {
    case 'string': {
      const checks = [...(s.min === undefined ? [] : [z.minLength(s.min)]), ...(s.max === undefined ? [] : [z.maxLength(s.max)])];
      return checks.length ? z.string().check(...checks) : z.string();
    }
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    case 'scalar':
      return z.custom<string | number | boolean>(isScalar);
    case 'unknown':
      return z.unknown();
    case 'enum':
      return z.enum(s.values as [string, ...string[]]);
    case 'array':
      return z.array(schemaOf(s.of));
    case 'record':
      return z.record(z.string(), schemaOf(s.of));
    case 'union':
      return z.union(s.of.map((option) => schemaOf(option)) as [z.ZodMiniType, ...z.ZodMiniType[]]);
    case 'optional':
      return z.optional(schemaOf(s.of));
    case 'nullable':
      return z.nullable(schemaOf(s.of));
    case 'object':
      return z.object(Object.fromEntries(Object.entries(s.props).map(([key, p]) => [key, schemaOf(p)])));
  }
}
