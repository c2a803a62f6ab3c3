/** A problem in a user's input file, reported as `file:line: key: message`. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly key: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${key ? `${key}: ` : ""}${detail}`);
    this.name = "InputError";
  }
}

/** Several input problems at once, so a user fixes a manifest in one pass. */
export class InputErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "InputErrors";
  }
}
