/** A plan's ways out (recommendation-lines.ts) as terminal text: a numbered summary line and the YAML under it. */
import {
  changeYamlLines,
  headroomText,
  recommendationsIntro,
  recommendationSummary,
  SHOWN_RECOMMENDATIONS,
} from './recommendation-lines.js';
import type { ReportPlan } from './schema.js';

/** The plan's recommendations and headroom line, indented for the plan's block; empty when it has neither. */
export function recommendationTextLines(plan: ReportPlan): string[] {
  const headroom = headroomText(plan);
  if (headroom !== null) return ['', `  Headroom: ${headroom}.`];
  if (plan.recommendations.length === 0) return [];
  const lines = ['', `  ${recommendationsIntro(plan)}`];
  plan.recommendations.slice(0, SHOWN_RECOMMENDATIONS).forEach((recommendation, index) => {
    const numerics = recommendation.changesNumerics ? ', CHANGES THE NUMERICS' : '';
    lines.push(`    ${index + 1}. ${recommendationSummary(plan, recommendation, ', ')}${numerics}`);
    for (const line of changeYamlLines(recommendation.changes)) lines.push(`         ${line}`);
  });
  return lines;
}
