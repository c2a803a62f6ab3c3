import { print } from "./console";

// A partition broke an FF-M rule. Until partitions can be panicked on their own (their own
// execution context, issue 3/4), the SPM reports the rule and stops the system: a trap in the
// SPM halts it safely on the target and throws on the host. Never a silent wrong answer.
export function programmerError(api: string, why: string): void {
  print("[SPM] PROGRAMMER ERROR in ");
  print(api);
  print(": ");
  print(why);
  print("\n");
  unreachable();
}
