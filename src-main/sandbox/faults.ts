// Fault injection: rules that make matching requests fail the way real networks and servers do.
//
// CLI spec (`--faults`): comma-separated rules, each
//     kind[:param][@METHOD][~pathSubstring][*times]
//   kind     server_error | html_502 | rate_limit | latency | reset | malformed_json | lost_response
//   :param   server_error: the 5xx status (default 500); rate_limit: Retry-After seconds
//            (default 1); latency: milliseconds (default 1000). Other kinds take none.
//   @METHOD  GET or POST (default: any)
//   ~path    only requests whose path contains this text, e.g. ~/tasks/ (no ',' or '*')
//   *times   how many matching requests it hits, then it is spent (default: unlimited)
// e.g. "server_error:503@GET*2,rate_limit:1*1,latency:200,lost_response@POST*1"
import { z } from 'zod';
import type { FaultController, FaultKind, FaultRule } from './types.ts';

export const FAULT_KINDS = [
  'server_error',
  'html_502',
  'rate_limit',
  'latency',
  'reset',
  'malformed_json',
  'lost_response',
] as const satisfies readonly FaultKind[];

const ruleSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    method: z.enum(['GET', 'POST']).optional(),
    path: z.string().min(1).optional(),
    times: z.int().positive().optional(),
    status: z.int().min(500).max(599).optional(),
    retryAfterSeconds: z.int().min(0).optional(),
    latencyMs: z.int().min(0).max(600_000).optional(),
  })
  .strict();

/** Validates a rule (programmatic or parsed); throws a readable Error. */
export function validateRule(rule: FaultRule): FaultRule {
  const parsed = ruleSchema.safeParse(rule);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ');
    throw new Error(`Invalid fault rule ${JSON.stringify(rule)}: ${why}`);
  }
  return parsed.data;
}

const RULE_PATTERN = /^([a-z_0-9]+)(?::([^@~*]*))?(?:@([A-Za-z]+))?(?:~([^*]+))?(?:\*(.+))?$/;

export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const raw of spec.split(',')) {
    const text = raw.trim();
    if (text === '') continue;
    const fail = (why: string): never => {
      throw new Error(
        `Invalid fault "${text}": ${why}. Expected kind[:param][@METHOD][~path][*times], e.g. server_error:503@GET~/tasks/*2`,
      );
    };
    const m = RULE_PATTERN.exec(text);
    if (!m) return fail('cannot read it');
    const [, kindText = '', param, method, path, times] = m;
    const kind = FAULT_KINDS.find((k) => k === kindText);
    if (!kind) return fail(`unknown kind "${kindText}" (one of ${FAULT_KINDS.join(', ')})`);
    const rule: FaultRule = { kind };
    if (param !== undefined) {
      if (!/^\d+$/.test(param)) fail(`parameter "${param}" is not a whole number`);
      const value = Number(param);
      if (kind === 'server_error') rule.status = value;
      else if (kind === 'rate_limit') rule.retryAfterSeconds = value;
      else if (kind === 'latency') rule.latencyMs = value;
      else fail(`${kind} takes no parameter`);
    }
    if (method !== undefined) {
      const upper = method.toUpperCase();
      if (upper !== 'GET' && upper !== 'POST') fail(`method "${method}" is not GET or POST`);
      rule.method = upper as 'GET' | 'POST';
    }
    if (path !== undefined) rule.path = path;
    if (times !== undefined) {
      if (!/^\d+$/.test(times) || Number(times) < 1) fail(`times "${times}" is not a positive whole number`);
      rule.times = Number(times);
    }
    try {
      rules.push(validateRule(rule));
    } catch (e) {
      fail((e as Error).message);
    }
  }
  return rules;
}

export interface RequestInfo {
  method: string;
  path: string;
  /** lost_response only hits task creation. */
  isCreateTask: boolean;
}

export interface FaultDecision {
  latencyMs: number;
  /** The failure to inject after any latency, or null to proceed normally. */
  fault: FaultRule | null;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

export class FaultList implements FaultController {
  #rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    const valid = validateRule(rule);
    this.#rules.push({ rule: valid, remaining: valid.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.#rules = [];
  }

  pending(): number {
    return this.#rules.length;
  }

  /**
   * Picks the faults for a request and spends them: the first matching latency rule and the
   * first matching other rule, in the order they were added.
   */
  take(req: RequestInfo): FaultDecision {
    let latency: ActiveRule | undefined;
    let failure: ActiveRule | undefined;
    for (const active of this.#rules) {
      if (active.remaining <= 0 || !matches(active.rule, req)) continue;
      if (active.rule.kind === 'latency') latency ??= active;
      else failure ??= active;
    }
    for (const spent of [latency, failure]) if (spent) spent.remaining--;
    this.#rules = this.#rules.filter((r) => r.remaining > 0);
    return { latencyMs: latency ? (latency.rule.latencyMs ?? 1000) : 0, fault: failure?.rule ?? null };
  }
}

function matches(rule: FaultRule, req: RequestInfo): boolean {
  if (rule.method && rule.method !== req.method) return false;
  if (rule.path && !req.path.includes(rule.path)) return false;
  if (rule.kind === 'lost_response' && !req.isCreateTask) return false;
  return true;
}
