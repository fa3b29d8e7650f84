/**
 * Something the report should say about a plan without refusing it: a config setting whose effect the estimate
 * leaves out, an inconsistency between configs. Found while loading, shown with each plan (JSON `warnings`, text,
 * markdown), at the file and line it is about.
 */
export interface PlanWarning {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
  readonly message: string;
}
