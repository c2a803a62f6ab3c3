import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { InputErrors, type InputError } from "./errors.js";
import type { YamlFile } from "./yaml-file.js";

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });

/** Compiles a JSON schema once; validating reports every problem with its file, line and key. */
export function validator<T>(schema: object): (file: YamlFile) => T {
  const check: ValidateFunction = ajv.compile(schema);
  return (file) => {
    const value = file.value();
    if (check(value)) return value as T;
    throw new InputErrors(dedupe((check.errors ?? []).map((e) => describe(file, e))));
  };
}

function describe(file: YamlFile, e: ErrorObject): InputError {
  const path = e.instancePath
    .split("/")
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, "/").replace(/~0/g, "~")));
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return file.error(path, `missing required key '${p.missingProperty}'`);
    case "additionalProperties": {
      const allowed = Object.keys(propertiesAt(e.parentSchema)).join(", ");
      return file.error([...path, String(p.additionalProperty)], `unknown key; allowed keys here: ${allowed}`);
    }
    case "enum":
      return file.error(path, `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`);
    case "type":
      return file.error(path, `must be ${article(String(p.type))}`);
    case "pattern":
      return file.error(path, `${(e.parentSchema as { description?: string })?.description ?? `must match ${p.pattern}`}`);
    default:
      return file.error(path, e.message ?? e.keyword);
  }
}

function propertiesAt(schema: unknown): Record<string, unknown> {
  return (schema as { properties?: Record<string, unknown> })?.properties ?? {};
}

function article(type: string): string {
  return type
    .split(",")
    .map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`))
    .join(" or ");
}

function dedupe(errors: InputError[]): InputError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.message) && seen.add(e.message) !== undefined);
}
