'use strict';
// WCAG 1.4.10: at 320 CSS px a page must not scroll sideways. When it does,
// the elements whose content spills past their own box are the culprits.

function sidewaysOverflow(tab) {
  return tab.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const spilling = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && getComputedStyle(el).overflowX === 'visible') {
        const classes = el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : '';
        spilling.push(`${el.tagName.toLowerCase()}${classes} (${el.scrollWidth} px in ${el.clientWidth} px)`);
      }
    }
    return { viewport, scrollWidth: document.documentElement.scrollWidth, spilling: spilling.slice(-8) };
  });
}

// A message naming the page and what spills, or null when it fits.
async function reflowProblem(tab, label) {
  const { viewport, scrollWidth, spilling } = await sidewaysOverflow(tab);
  if (scrollWidth <= viewport) return null;
  return `${label} is ${scrollWidth} px wide at ${viewport} px and scrolls sideways; spilling: ${spilling.join(', ')}`;
}

module.exports = { reflowProblem };
