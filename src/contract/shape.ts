// Answer shapes: what the proxy answers the browser, described once as plain data. The widget
// checks answers with `conforms` (tens of lines, no eval, so it runs under a strict CSP, and no zod
// in the entry); the server and the OpenAPI document use the zod schema `toZod` derives from the
// same description (./to-zod.ts). Requests and element definitions stay zod schemas.

export interface StringShape {
  readonly t: 'string';
  readonly min?: number;
  readonly max?: number;
}
export interface NumberShape {
  readonly t: 'number';
}
export interface BooleanShape {
  readonly t: 'boolean';
}
/** A JSON scalar: a string, a finite number or a boolean. */
export interface ScalarShape {
  readonly t: 'scalar';
}
export interface UnknownShape {
  readonly t: 'unknown';
}
export interface EnumShape<V extends string = string> {
  readonly t: 'enum';
  readonly values: readonly V[];
}
export interface ArrayShape<S extends Shape = Shape> {
  readonly t: 'array';
  readonly of: S;
}
/** An object whose every value has one shape (keys are strings). */
export interface RecordShape<S extends Shape = Shape> {
  readonly t: 'record';
  readonly of: S;
}
export interface UnionShape<S extends readonly Shape[] = readonly Shape[]> {
  readonly t: 'union';
  readonly of: S;
}
export interface OptionalShape<S extends Shape = Shape> {
  readonly t: 'optional';
  readonly of: S;
}
export interface NullableShape<S extends Shape = Shape> {
  readonly t: 'nullable';
  readonly of: S;
}
export interface ObjectShape<P extends Props = Props> {
  readonly t: 'object';
  readonly props: P;
}
export type Props = { readonly [key: string]: Shape };

export type Shape =
  | StringShape
  | NumberShape
  | BooleanShape
  | ScalarShape
  | UnknownShape
  | EnumShape
  | ArrayShape
  | RecordShape
  | UnionShape
  | OptionalShape
  | NullableShape
  | ObjectShape;

// Marked free of side effects: a bundler drops a shape nobody reads, its arguments included (the
// widget's chunks then carry only the shapes they check).
export const string = /* #__NO_SIDE_EFFECTS__ */ (min?: number, max?: number): StringShape => ({ t: 'string', min, max });
export const number = /* #__NO_SIDE_EFFECTS__ */ (): NumberShape => ({ t: 'number' });
export const boolean = /* #__NO_SIDE_EFFECTS__ */ (): BooleanShape => ({ t: 'boolean' });
export const scalar = /* #__NO_SIDE_EFFECTS__ */ (): ScalarShape => ({ t: 'scalar' });
export const unknown = /* #__NO_SIDE_EFFECTS__ */ (): UnknownShape => ({ t: 'unknown' });
export const oneOf = /* #__NO_SIDE_EFFECTS__ */ <const V extends string>(values: readonly V[]): EnumShape<V> => ({
  t: 'enum',
  values,
});
export const array = /* #__NO_SIDE_EFFECTS__ */ <S extends Shape>(of: S): ArrayShape<S> => ({ t: 'array', of });
export const record = /* #__NO_SIDE_EFFECTS__ */ <S extends Shape>(of: S): RecordShape<S> => ({ t: 'record', of });
export const union = /* #__NO_SIDE_EFFECTS__ */ <const S extends readonly Shape[]>(...of: S): UnionShape<S> => ({ t: 'union', of });
export const optional = /* #__NO_SIDE_EFFECTS__ */ <S extends Shape>(of: S): OptionalShape<S> => ({ t: 'optional', of });
export const nullable = /* #__NO_SIDE_EFFECTS__ */ <S extends Shape>(of: S): NullableShape<S> => ({ t: 'nullable', of });
export const object = /* #__NO_SIDE_EFFECTS__ */ <const P extends Props>(props: P): ObjectShape<P> => ({ t: 'object', props });

type Flatten<T> = { [K in keyof T]: T[K] } & {};
type InferObject<P extends Props> = Flatten<
  { -readonly [K in keyof P as P[K] extends OptionalShape ? never : K]: Infer<P[K]> } & {
    -readonly [K in keyof P as P[K] extends OptionalShape ? K : never]?: Infer<P[K]>;
  }
>;

/** The values of the shapes without parameters. */
interface Primitives {
  string: string;
  number: number;
  boolean: boolean;
  scalar: string | number | boolean;
  unknown: unknown;
}

/** The TypeScript type of the values a shape accepts (`unknown` for any shape at all, which ends the recursion). */
export type Infer<S> = Shape extends S
  ? unknown
  : S extends { readonly t: keyof Primitives }
    ? Primitives[S['t']]
    : S extends EnumShape<infer V>
      ? V
      : S extends ArrayShape<infer I>
        ? Infer<I>[]
        : S extends RecordShape<infer I>
          ? Record<string, Infer<I>>
          : S extends UnionShape<infer U>
            ? Infer<U[number]>
            : S extends OptionalShape<infer I>
              ? Infer<I> | undefined
              : S extends NullableShape<infer I>
                ? Infer<I> | null
                : S extends ObjectShape<infer P>
                  ? InferObject<P>
                  : never;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * True when `value` has the shape: the same acceptance as its zod schema, without copying (members
 * the shape does not name are kept, where zod's parse drops them).
 */
export const conforms = check as <S extends Shape>(shape: S, value: unknown) => value is Infer<S>;

function check(s: Shape, v: unknown): boolean {
  switch (s.t) {
    case 'string':
      return typeof v === 'string' && v.length >= (s.min ?? 0) && v.length <= (s.max ?? Infinity);
    case 'number':
      // Number.isFinite is false for anything that is not a number.
      return Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'scalar':
      return typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v);
    case 'unknown':
      return true;
    case 'enum':
      return s.values.includes(v as string);
    case 'array':
      return Array.isArray(v) && v.every((item) => check(s.of, item));
    case 'record':
      return isObject(v) && Object.values(v).every((item) => check(s.of, item));
    case 'union':
      return s.of.some((option) => check(option, v));
    case 'optional':
      return v === undefined || check(s.of, v);
    case 'nullable':
      return v === null || check(s.of, v);
    case 'object':
      // A loop, not Object.entries().every(): the catalog checks thousands of objects, and this allocates nothing.
      if (!isObject(v)) return false;
      for (const key in s.props) if (!check(s.props[key]!, v[key])) return false;
      return true;
  }
}
