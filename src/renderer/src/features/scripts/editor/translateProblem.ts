import type { TFunction } from 'i18next';

/**
 * validateScript speaks English; the common messages are rendered in the UI language here, the
 * rest are shown as they are. (The contract has no message codes yet — see the report.)
 */
const patterns: [RegExp, string][] = [
  [/^Step "(.+)" is not in flow "(.+)"$/, 'problems.stepNotInFlow'],
  [/^Flow "(.+)" does not exist$/, 'problems.flowMissing'],
  [/^Variant weights add up to (.+), not 100$/, 'problems.weights'],
  [/^A message needs text or media$/, 'problems.messageEmpty'],
  [/^Tag "(.+)" is not declared in the script's tags$/, 'problems.tagUndeclared'],
  [/^Custom field "(.+)" is not declared in the script's fields$/, 'problems.fieldUndeclared'],
  [/^Add or remove at least one tag$/, 'problems.tagEmpty'],
  [/^Give transition requirements or AI routes, or make the step endless$/, 'problems.aiNoExit'],
  [/^Say where the lead goes when the requirements are met$/, 'problems.aiNoNext'],
  [/^Not a duration; write e\.g\. 30s, 10m, 1h30m, 2d$/, 'problems.duration'],
  [/^Use letters, digits, "_" and "-" only$/, 'problems.idChars'],
  [/^Too small: expected string to have >=1 characters?$/, 'problems.required'],
  [/^Step "(.+)" is never reached$/, 'problems.unreachable'],
  [/^Pushes are sent while the lead is silent: turn on "wait for reply"$/, 'problems.pushesNeedWait'],
  [/^The URL must start with http:\/\/ or https:\/\/$/, 'problems.url'],
  [/^Not a valid regular expression$/, 'problems.regex'],
  [/^The fallback policy needs a fallback text$/, 'problems.fallbackText'],
  [/^Write the time as HH:MM, e\.g\. 09:30$/, 'problems.clock'],
  [/^Media must be a file in the media folder: media\/…$/, 'mediaPicker.problemPath'],
  [/^Media "(.+)" is not a file in the media folder$/, 'mediaPicker.problemOutside'],
  [/^Media file "(.+)" is missing: add it with the script or pick it again$/, 'mediaPicker.problemMissing'],
];

export function translateProblem(message: string, t: TFunction): string {
  for (const [pattern, key] of patterns) {
    const match = pattern.exec(message);
    if (match) return t(key, { a: match[1], b: match[2] });
  }
  return message;
}
