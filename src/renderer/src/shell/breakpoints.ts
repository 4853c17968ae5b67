import { useMediaQuery } from '@mantine/hooks';

/**
 * Window widths at which panels change shape (issue 15, 1024×700 up to 2560×1440). Measured on the
 * window, not the element: the sidebar is a fixed 220 px, so the content width follows directly.
 * - wide: the inbox shows the lead card as a third column (below, it opens as a drawer);
 * - roomy: header actions are shown as buttons (below, the secondary ones fold into a menu).
 */
export const breakpoints = { wide: 1440, roomy: 1200 } as const;

export function useWindowAtLeast(name: keyof typeof breakpoints): boolean {
  // getInitialValueInEffect=false: measure on first render so the layout does not jump after mount.
  return useMediaQuery(`(min-width: ${breakpoints[name]}px)`, true, { getInitialValueInEffect: false });
}
