import { readFileSync } from "node:fs";
import { Document, LineCounter, isNode, parseDocument } from "yaml";
import { InputError, InputErrors } from "./errors.js";

/** A parsed YAML file that can say on which line any value stands. */
export class YamlFile {
  private constructor(
    readonly path: string,
    readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  static read(path: string): YamlFile {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      throw new InputError(path, 0, "", `cannot read file (${(e as NodeJS.ErrnoException).code ?? e})`);
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    if (doc.errors.length > 0) {
      throw new InputErrors(
        doc.errors.map((e) => new InputError(path, lines.linePos(e.pos[0]).line, "", `YAML syntax: ${e.message.split("\n")[0]}`)),
      );
    }
    return new YamlFile(path, doc, lines);
  }

  value(): unknown {
    try {
      return this.doc.toJS();
    } catch (e) {
      // yaml refuses to expand a "billion laughs" alias bomb (and any alias to itself).
      if (e instanceof ReferenceError) throw new InputError(this.path, 1, "", `YAML aliases: ${e.message}; expand the aliases by hand`);
      throw e;
    }
  }

  /** The line of the value at path, or of its nearest ancestor that exists. */
  lineOf(path: (string | number)[]): number {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
      if (n === 0) break;
    }
    return 1;
  }

  error(path: (string | number)[], detail: string): InputError {
    return new InputError(this.path, this.lineOf(path), keyName(path), detail);
  }
}

/** `services[0].sid` style, as a user reads the manifest. */
export function keyName(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}
