/**
 * A value the sender meant to fill but did not: `{subid}`, `{{clickid}}`, `[subid]`, `%subid%`,
 * `${SUBID}`, `#s2#`, `REPLACE`/`OPTIONAL` (BeMob and Voluum templates), or the same still
 * URL-encoded (`%7Bsubid%7D`). Accepting one would attach every such postback to a lead whose click
 * id is literally "{subid}" — the classic "SubID not found" failure.
 */
const patterns: readonly RegExp[] = [
  /\{\{?\s*[A-Za-z_$][\w.:\- ]*\}?\}/, // {subid}, {{clickid}}, {status:lead=0}
  /\$\{[^}]*\}/, // ${SUBID}
  /\[[A-Za-z_][\w.:-]*\]/, // [subid]
  /%[A-Za-z_][\w.-]*%/, // %subid%
  /#[A-Za-z_][\w.-]*#/, // #s2#
  /%7B|%7D|%5B|%5D/i, // still encoded
  /^(REPLACE|OPTIONAL)$/,
];

export function unfilledMacro(value: string): string | undefined {
  return patterns.some((p) => p.test(value)) ? value.slice(0, 100) : undefined;
}
