import type { Script } from './script';

/**
 * The script as an export file holds it: values of webhook headers marked secret (API keys, tokens)
 * are emptied, unless the user asked to include them. The header names stay, so whoever imports the
 * file sees which values to fill in. Returns how many values were left out.
 */
export function withoutSecretHeaders(script: Script): { script: Script; leftOut: number } {
  let leftOut = 0;
  const flows = script.flows.map((flow) => ({
    ...flow,
    steps: flow.steps.map((step) => {
      if (step.type !== 'webhook' || !step.secretHeaders.length) return step;
      const secret = new Set(step.secretHeaders.map((name) => name.toLowerCase()));
      const headers = Object.fromEntries(
        Object.entries(step.headers).map(([name, value]) => {
          if (!secret.has(name.toLowerCase()) || value === '') return [name, value];
          leftOut++;
          return [name, ''];
        }),
      );
      return { ...step, headers };
    }),
  }));
  return { script: { ...script, flows }, leftOut };
}
