'use strict';
// The collector's own pages, for the gates that check every page: served by
// the real collector through nginx (lib/deployment.js) and reached in
// Chromium as a person reaches them: the sign-in page, a school's home page
// once signed in with its access code, and a refusal (the sign-out form sent
// without its CSRF token).

const { Deployment } = require('./deployment');
const { TODAY } = require('./built_sites');

const SCHOOL = 'pingjiang-guihua';

// The pages, by a key that names them before the deployment runs (tests are
// declared before it starts).
const PAGE_KEYS = ['sign-in', 'home', 'refused'];

// Each page as { key, name, status, open(tab) }: open leaves the tab on the
// page and resolves to the response that brought it, whose text is the page's HTML.
function pagesOf(site, code) {
  const signIn = async (tab) => {
    await tab.goto(site.url('account/sign-in/'));
    await tab.locator('#f-access_code').fill(code);
    const [response] = await Promise.all([tab.waitForNavigation(), tab.locator('form:has(#f-access_code) button').click()]);
    return response;
  };
  return [
    { key: 'sign-in', name: 'account/sign-in/ (the sign-in page)', status: 200, open: (tab) => tab.goto(site.url('account/sign-in/')) },
    { key: 'home', name: 'account/ (a school signed in)', status: 200, open: signIn },
    {
      key: 'refused',
      name: 'account/sign-out/ without its CSRF token (a refusal)',
      status: 403,
      open: async (tab) => {
        await signIn(tab);
        await tab.locator('.account-bar input[name="csrf"]').evaluate((input) => input.remove());
        const [response] = await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: '退出登录' }).click()]);
        return response;
      },
    },
  ];
}

// Resolves to { site, pages, close }: the deployment running on loopback,
// the collector's clock on the gates' day.
async function startCollectorPages() {
  const site = new Deployment({ today: TODAY, extraSchools: [] });
  try {
    await site.start();
    const code = site.issueCode(SCHOOL);
    await site.collectorAt(`${TODAY}T10:00:00+08:00`);
    return { site, pages: pagesOf(site, code), close: () => site.close() };
  } catch (e) {
    await site.close();
    throw e;
  }
}

module.exports = { PAGE_KEYS, startCollectorPages };
