// Runs inside the page (added with page.addScriptTag): measures the rendered layout and lists what an
// operator would see as broken at this window size. Plain JS on purpose: it is browser code, while
// the e2e specs are type-checked against Node's lib without the DOM.
//
// Rules (issue 15, "any window size"):
// - the page does not scroll sideways;
// - no panel (an element that clips or scrolls its content) hides content to its right, unless it is
//   marked `data-scroll-x` (a wide table or a canvas meant to scroll/pan);
// - no two visible interactive elements overlap (measured on what is actually visible: each box is
//   clipped by its scrolling ancestors);
// - no text block narrower than 200 px holds more than a few words (>= 5) — the "one letter per line"
//   column.
window.voronkaLayoutProblems = function voronkaLayoutProblems() {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const describe = (el) => {
    const id = el.getAttribute('data-testid');
    const text = (el.innerText || el.getAttribute('aria-label') || el.getAttribute('placeholder') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${text ? ` "${text}"` : ''}`;
  };
  const isShown = (el) => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
      if (node.getAttribute('aria-hidden') === 'true') return false;
    }
    return true;
  };
  const clips = (style) => style.overflowX !== 'visible' || style.overflowY !== 'visible';
  /** The part of an element's box that is visible: its rect cut by every clipping ancestor and the viewport. */
  const visibleRect = (el) => {
    const r = el.getBoundingClientRect();
    let left = r.left, top = r.top, right = r.right, bottom = r.bottom;
    for (let node = el.parentElement; node && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.position === 'fixed') break;
      if (!clips(style)) continue;
      const c = node.getBoundingClientRect();
      left = Math.max(left, c.left);
      top = Math.max(top, c.top);
      right = Math.min(right, c.right);
      bottom = Math.min(bottom, c.bottom);
    }
    left = Math.max(left, 0);
    top = Math.max(top, 0);
    right = Math.min(right, vw);
    bottom = Math.min(bottom, document.documentElement.clientHeight);
    return right - left > 1 && bottom - top > 1 ? { left, top, right, bottom } : null;
  };

  if (document.documentElement.scrollWidth > vw + 1) {
    problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px content in a ${vw}px window`);
  }

  for (const el of document.body.querySelectorAll('*')) {
    // Inputs scroll their own value by design; a drawn canvas or a table marked data-scroll-x pans on purpose;
    // a scroll area's own scrollbar (shown after scrolling) is chrome, not content.
    if (el.matches('input, textarea') || el.closest('[data-scroll-x], .react-flow, svg, .mantine-ScrollArea-scrollbar')) continue;
    const style = getComputedStyle(el);
    if (style.overflowX === 'visible' || style.textOverflow === 'ellipsis') continue;
    if (el.scrollWidth > el.clientWidth + 2 && el.clientWidth > 0 && isShown(el)) {
      problems.push(`panel overflows sideways: ${describe(el)} holds ${el.scrollWidth}px in ${el.clientWidth}px`);
    }
  }

  const modal = [...document.querySelectorAll('[aria-modal="true"]')].some(isShown);
  const interactive = [
    ...document.body.querySelectorAll(
      'button, a[href], input:not([type=hidden]), textarea, select, [role=button], [role=tab], [role=switch], [role=checkbox], [role=radio], [role=combobox], [role=menuitem]',
    ),
  ]
    .filter((el) => !el.closest('.react-flow__minimap, .react-flow__renderer') && isShown(el))
    // An open modal (a drawer, a dialog) covers the page: what is behind it cannot be clicked, so
    // only the modal's own controls (and what is layered above it, like an open dropdown) count.
    .filter((el) => !modal || el.closest('[aria-modal="true"], [data-portal]'))
    .map((el) => ({ el, rect: visibleRect(el) }))
    .filter((item) => item.rect);
  for (let i = 0; i < interactive.length; i++) {
    for (let j = i + 1; j < interactive.length; j++) {
      const a = interactive[i], b = interactive[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      // An input's own sections (a clear button, "show password") sit inside the input's box by design.
      const wrapper = (el) => el.closest('[class*="Input-wrapper"]') || el.parentElement;
      if ((a.el.matches('input, textarea') && wrapper(a.el).contains(b.el)) || (b.el.matches('input, textarea') && wrapper(b.el).contains(a.el))) continue;
      const w = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const h = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (w > 2 && h > 2) problems.push(`overlap: ${describe(a.el)} and ${describe(b.el)} (${Math.round(w)}×${Math.round(h)}px)`);
    }
  }

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const words = node.textContent.trim().split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (words.length < 5) continue;
    const block = node.parentElement;
    if (!block || seen.has(block) || block.closest('.react-flow, svg, [data-layout-ignore]') || !isShown(block)) continue;
    seen.add(block);
    const style = getComputedStyle(block);
    if (style.whiteSpace === 'nowrap' || style.textOverflow === 'ellipsis') continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    const width = block.getBoundingClientRect().width;
    // One line that fits is fine whatever its width; a narrow column that wraps is what the operator cannot read.
    if (width > 0 && width < 200 && lines > 1) {
      problems.push(`narrow text: ${describe(block)} is ${Math.round(width)}px wide for ${words.length} words`);
    }
  }
  return problems;
};
