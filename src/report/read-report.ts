/**
 * A JSON report read back as the base of a comparison (`train-memory estimate --compare-to BASE_REPORT.json`): the
 * parsed value is checked for the fields a comparison reads (name, hardware, memory per GPU, compute, budget), and
 * every problem is returned with its key path, so the caller can point at file:line:column. Other fields are kept as
 * they are; a base plan's own `base` and the report's `removedPlans` are dropped (a base is not compared again).
 */
import type { BudgetMetric } from '../core/estimate-types.js';
import { REPORT_SCHEMA_VERSION } from './schema.js';
import type { Report, ReportPlan } from './schema.js';

export type ReportPath = readonly (string | number)[];

export interface ReportProblem {
  readonly path: ReportPath;
  readonly message: string;
  readonly expected: string;
}

const BUDGET_METRICS: readonly BudgetMetric[] = ['memory', 'host-memory', 'gpus', 'gpu-hours', 'cost', 'wall-clock'];
const PER_GPU_FIELDS = [
  'parameters',
  'gradients',
  'optimizerStates',
  'activations',
  'logits',
  'temporaries',
  'peak',
  'reserved',
  'device',
] as const;

type Plain = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class ReportChecker {
  readonly problems: ReportProblem[] = [];

  fail(path: ReportPath, message: string, expected: string): void {
    this.problems.push({ path, message, expected });
  }

  object(value: unknown, path: ReportPath, expected: string): Plain | null {
    if (isObject(value)) return value;
    this.fail(path, value === undefined ? 'missing' : 'not an object', expected);
    return null;
  }

  array(value: unknown, path: ReportPath, expected: string): readonly unknown[] | null {
    if (Array.isArray(value)) return value;
    this.fail(path, value === undefined ? 'missing' : 'not a list', expected);
    return null;
  }

  number(parent: Plain, key: string, path: ReportPath, nullable = false): void {
    const value = parent[key];
    if (nullable && value === null) return;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(
        [...path, key],
        value === undefined ? 'missing' : 'not a number',
        nullable ? 'a number or null' : 'a number',
      );
    }
  }

  string(parent: Plain, key: string, path: ReportPath): void {
    if (typeof parent[key] !== 'string') {
      this.fail([...path, key], parent[key] === undefined ? 'missing' : 'not a string', 'a string');
    }
  }

  boolean(parent: Plain, key: string, path: ReportPath): void {
    if (typeof parent[key] !== 'boolean') {
      this.fail([...path, key], parent[key] === undefined ? 'missing' : 'not true or false', 'true or false');
    }
  }

  checks(value: unknown, path: ReportPath): void {
    const list = this.array(value, path, 'a list of budget checks { metric, limit, actual, pass }');
    list?.forEach((item, index) => {
      const check = this.object(item, [...path, index], 'a budget check { metric, limit, actual, pass }');
      if (check === null) return;
      if (!BUDGET_METRICS.includes(check['metric'] as BudgetMetric)) {
        this.fail([...path, index, 'metric'], 'not a budget metric', `one of: ${BUDGET_METRICS.join(', ')}`);
      }
      this.number(check, 'limit', [...path, index]);
      this.number(check, 'actual', [...path, index]);
      this.boolean(check, 'pass', [...path, index]);
    });
  }

  plan(value: unknown, path: ReportPath): void {
    const plan = this.object(value, path, 'a plan of the report');
    if (plan === null) return;
    this.string(plan, 'name', path);
    const hardware = this.object(plan['hardware'], [...path, 'hardware'], 'an object { gpu, gpuName, gpus, … }');
    if (hardware !== null) {
      this.string(hardware, 'gpu', [...path, 'hardware']);
      this.string(hardware, 'gpuName', [...path, 'hardware']);
      this.number(hardware, 'gpus', [...path, 'hardware']);
    }
    const memoryPath = [...path, 'memory'];
    const memory = this.object(plan['memory'], memoryPath, 'an object { perGpu, capacityBytes, fits, … }');
    if (memory !== null) {
      const perGpu = this.object(
        memory['perGpu'],
        [...memoryPath, 'perGpu'],
        `an object { ${PER_GPU_FIELDS.join(', ')} }`,
      );
      if (perGpu !== null) for (const field of PER_GPU_FIELDS) this.number(perGpu, field, [...memoryPath, 'perGpu']);
      this.number(memory, 'capacityBytes', memoryPath);
      this.boolean(memory, 'fits', memoryPath);
      this.number(memory, 'hostPerNode', memoryPath);
      // The host estimate, in reports written since it exists: the peak and the node's RAM are compared.
      if (memory['host'] !== undefined) {
        const hostPath = [...memoryPath, 'host'];
        const host = this.object(memory['host'], hostPath, 'an object { perNode, capacityBytes, phases, … }');
        if (host !== null) {
          this.number(host, 'perNode', hostPath);
          this.number(host, 'capacityBytes', hostPath, true);
        }
      }
    }
    const compute = plan['compute'];
    if (compute !== null) {
      const computeObject = this.object(
        compute,
        [...path, 'compute'],
        'null or an object { gpuHours, wallClockHours, costUsd, … }',
      );
      if (computeObject !== null) {
        this.number(computeObject, 'gpuHours', [...path, 'compute']);
        this.number(computeObject, 'wallClockHours', [...path, 'compute']);
        this.number(computeObject, 'costUsd', [...path, 'compute'], true);
      }
    }
    const budget = this.object(plan['budget'], [...path, 'budget'], 'an object { pass, violations, checks }');
    if (budget !== null) {
      this.boolean(budget, 'pass', [...path, 'budget']);
      this.checks(budget['violations'], [...path, 'budget', 'violations']);
      this.checks(budget['checks'], [...path, 'budget', 'checks']);
    }
  }
}

/** The report in `value` (a parsed JSON report of schema version 1), or the problems that make it unusable. */
export function readReport(value: unknown): { report: Report | null; problems: readonly ReportProblem[] } {
  const check = new ReportChecker();
  const root = check.object(value, [], 'a JSON report of `train-memory estimate --format json`');
  if (root === null) return { report: null, problems: check.problems };
  if (root['schemaVersion'] !== REPORT_SCHEMA_VERSION) {
    check.fail(['schemaVersion'], 'unsupported report schema version', `schemaVersion: ${REPORT_SCHEMA_VERSION}`);
  }
  const plans = check.array(root['plans'], ['plans'], 'a list of plans');
  const names = new Map<string, number>();
  plans?.forEach((plan, index) => {
    check.plan(plan, ['plans', index]);
    const name = isObject(plan) ? plan['name'] : undefined;
    if (typeof name !== 'string') return;
    const first = names.get(name);
    if (first !== undefined) {
      check.fail(
        ['plans', index, 'name'],
        `plan name "${name}" is already used by plans[${first}]`,
        'unique plan names',
      );
    } else names.set(name, index);
  });
  if (check.problems.length > 0 || plans === null) return { report: null, problems: check.problems };
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    plans: plans.map((plan) => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { base: _base, ...rest } = plan as ReportPlan;
      return rest as ReportPlan;
    }),
  };
  return { report, problems: [] };
}
