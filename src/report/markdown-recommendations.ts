/** A plan's ways out (recommendation-lines.ts) as markdown: a bold summary line and a YAML block each. */
import {
  changeYamlLines,
  headroomText,
  recommendationsIntro,
  recommendationSummary,
  SHOWN_RECOMMENDATIONS,
} from './recommendation-lines.js';
import type { ReportPlan } from './schema.js';

/** The plan's recommendations and headroom line as markdown; empty when it has neither. */
export function renderRecommendationsMarkdown(plan: ReportPlan): string {
  const headroom = headroomText(plan);
  if (headroom !== null) return `**Headroom:** ${headroom}.`;
  if (plan.recommendations.length === 0) return '';
  const blocks = plan.recommendations.slice(0, SHOWN_RECOMMENDATIONS).map((recommendation, index) => {
    const numerics = recommendation.changesNumerics ? ' · ⚠️ changes the numerics' : '';
    return [
      `**${index + 1}.** ${recommendationSummary(plan, recommendation, ' · ')}${numerics}`,
      '',
      '```yaml',
      ...changeYamlLines(recommendation.changes),
      '```',
    ].join('\n');
  });
  return [`**${recommendationsIntro(plan)}**`, ...blocks].join('\n\n');
}
