'use strict';
// The collector's own pages, for the gates that check every page: served by
// the real collector through nginx (lib/deployment.js) and reached in
// Chromium as a person reaches them: the sign-in page, a school's home page
// once signed in with its access code, a refusal (the sign-out form sent
// without its CSRF token), and the review chain's pages with a form or a
// history on them, once schools have applied and the county and the city
// have acted (lib/review_chain.js), one county having forwarded its
// 申报汇总表; and two 2020 pilots' task books with the registry.

const { Deployment } = require('./deployment');
const { launchChromium } = require('./chromium');
const { addExpert, addStaff, applyByApi, assignExpert, decide, forward, giveOpinion, openExpertAccount, scoreAssignment, signIn, submitByApi, taskBookFields, versionPath } = require('./review_chain');

const SCHOOL = 'pingjiang-guihua';
// Pilots of the bundled 2020 list, whose task-book call stays open until 2021.
const COUNTY_PILOT = { id: 'miluo-zhengze', name: '汨罗市正则学校', county: 'miluo' };
const CITY_PILOT = { id: 'yueyang-shibazhong', name: '岳阳市第十八中学', county: 'city' };
// Schools of the gates' own: one of 平江县, two 市直学校.
const COUNTY_SCHOOL = { id: 'pingjiang-gates', name: '平江县质量检查学校', county: 'pingjiang' };
const RETURNED = { id: 'city-gates-1', name: '岳阳市质量检查第一中学', county: 'city' };
const WAITING = { id: 'city-gates-2', name: '岳阳市质量检查第二中学', county: 'city' };
const FORWARDED = { id: 'huarong-gates', name: '华容县质量检查学校', county: 'huarong' };
const REVIEWED = { id: 'city-gates-3', name: '岳阳市质量检查第三中学', county: 'city' };
// Within the 2019 call, which the chain needs open for the schools to apply.
const NOW = '2019-09-01T10:00:00+08:00';
const REASON = '工作方案缺少经费预算，请补充后重新提交。';

// The pages, by a key that names them before the deployment runs (tests are
// declared before it starts).
const PAGE_KEYS = ['sign-in', 'home', 'refused', 'county-desk', 'county-version', 'school-version', 'city-version', 'school-desk', 'city-desk', 'summary',
  'city-experts', 'expert-desk', 'assignment', 'scores', 'county-task-book', 'task-desk', 'pilot', 'expert-accounts', 'receipt'];

// Each page as { key, name, status, open(tab) }: open leaves the tab on the
// page and resolves to the response that brought it, whose text is the page's HTML.
function pagesOf(site, codes, staff, experts) {
  let opened = 0;
  // Signed in as `who`, then to `rel`.
  const signedIn = (who, rel) => async (tab) => {
    await signIn(tab, site, who);
    return tab.goto(site.url(rel));
  };
  return [
    { key: 'sign-in', name: 'account/sign-in/ (the sign-in page)', status: 200, open: (tab) => tab.goto(site.url('account/sign-in/')) },
    { key: 'home', name: 'account/ (a school signed in)', status: 200, open: (tab) => signIn(tab, site, codes[SCHOOL]) },
    {
      key: 'refused',
      name: 'account/sign-out/ without its CSRF token (a refusal)',
      status: 403,
      open: async (tab) => {
        await signIn(tab, site, codes[SCHOOL]);
        await tab.locator('.account-bar input[name="csrf"]').evaluate((input) => input.remove());
        const [response] = await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: '退出登录' }).click()]);
        return response;
      },
    },
    { key: 'county-desk', name: 'account/calls/pilot-2019/ (a county\'s desk with its forward form)', status: 200,
      open: signedIn(codes.pingjiang, 'account/calls/pilot-2019/') },
    { key: 'county-version', name: 'a version as its county sees it (the opinion form and a history)', status: 200,
      open: signedIn(codes.pingjiang, versionPath(COUNTY_SCHOOL.id, 1)) },
    { key: 'school-version', name: 'a version as its school sees it (its filled-in copy, the 盖章扫描件 upload form)', status: 200,
      open: signedIn(codes[COUNTY_SCHOOL.id], versionPath(COUNTY_SCHOOL.id, 1)) },
    { key: 'city-version', name: 'a 市直学校\'s version as city staff see it (the decision form)', status: 200,
      open: signedIn(staff, versionPath(WAITING.id, 1)) },
    { key: 'school-desk', name: 'account/calls/pilot-2019/ (a school\'s desk with a 退回修改 reason)', status: 200,
      open: signedIn(codes[RETURNED.id], 'account/calls/pilot-2019/') },
    { key: 'city-desk', name: 'account/calls/pilot-2019/ (city staff\'s desk with a forwarded 申报汇总表)', status: 200,
      open: signedIn(staff, 'account/calls/pilot-2019/') },
    { key: 'summary', name: 'a county\'s forwarded 申报汇总表 as it sees it', status: 200,
      open: signedIn(codes.huarong, 'account/versions/summary-2019/huarong/v0001/') },
    { key: 'city-experts', name: 'an accepted version as city staff see it (the expert stage, scores flagged)', status: 200,
      open: signedIn(staff, versionPath(REVIEWED.id, 1)) },
    { key: 'expert-desk', name: 'account/calls/pilot-2019/ (an expert\'s assignments)', status: 200,
      open: signedIn(experts.waiting, 'account/calls/pilot-2019/') },
    { key: 'assignment', name: 'an assignment as its expert scores it (anonymous, the scoring form)', status: 200,
      open: signedIn(experts.waiting, experts.assignment) },
    { key: 'scores', name: 'every expert\'s score, once the expert\'s own is in', status: 200,
      open: signedIn(experts.done, `${experts.assignment}scores/`) },
    { key: 'county-task-book', name: 'a task book as its county sees it (the confirm form, who has signed)', status: 200,
      open: signedIn(codes[COUNTY_PILOT.county], `account/versions/task-book-2020/${COUNTY_PILOT.id}/v0001/`) },
    { key: 'task-desk', name: 'account/calls/task-books-2020/ (city staff\'s desk with the pilot registry)', status: 200,
      open: signedIn(staff, 'account/calls/task-books-2020/') },
    { key: 'pilot', name: 'a pilot\'s registry page as city staff see it (the form to record an event)', status: 200,
      open: signedIn(staff, `account/calls/task-books-2020/pilots/${CITY_PILOT.id}/`) },
    { key: 'receipt', name: 'a receipt page, with its signed receipt and fingerprint', status: 200,
      open: (tab) => tab.goto(site.url(`api/submissions/application-2019/${COUNTY_SCHOOL.id}/v0001/receipt?id=${site.firstReceipt.receipt}`)) },
    {
      key: 'expert-accounts',
      name: 'account/experts/ (city staff have opened an expert account: its password shown once, the list, the form)',
      status: 200,
      // Each opening is a new account: every gate opens the page afresh.
      open: async (tab) => {
        await signIn(tab, site, staff);
        return (await openExpertAccount(tab, site, `gates-${++opened}`, '质量检查专家', { unit: COUNTY_SCHOOL.id })).response;
      },
    },
  ];
}

// The schools apply; 平江县 recommends its school (not forwarding, so that
// its desk keeps the forward form); 华容县 recommends its own and forwards;
// the city returns one 市直学校, accepts another and assigns it two experts,
// one of whom scores it. Resolves to the URL of that assignment.
async function actOnTheChain(site, codes, staff, experts) {
  const receipts = {};
  for (const school of [COUNTY_SCHOOL, RETURNED, WAITING, FORWARDED, REVIEWED]) receipts[school.id] = await applyByApi(site, codes[school.id], school, '智慧课堂建设');
  site.firstReceipt = receipts[COUNTY_SCHOOL.id];
  const browser = await launchChromium();
  try {
    const county = await (await browser.newContext()).newPage();
    await signIn(county, site, codes.pingjiang);
    await giveOpinion(county, site, COUNTY_SCHOOL.id, 1, { recommend: true, text: '方案可行，同意推荐。', leader: '张某' });
    const other = await (await browser.newContext()).newPage();
    await signIn(other, site, codes.huarong);
    await giveOpinion(other, site, FORWARDED.id, 1, { recommend: true, text: '同意推荐。', leader: '赵某' });
    await forward(other, site, { leader: '赵某', mobile: '13712345678' });
    const city = await (await browser.newContext()).newPage();
    await signIn(city, site, staff);
    await decide(city, site, RETURNED.id, 1, '退回修改', REASON);
    await decide(city, site, REVIEWED.id, 1, '受理（进入专家评审）');
    for (const name of ['张专家', '王专家']) await assignExpert(city, site, REVIEWED.id, 1, name);
    const expert = await (await browser.newContext()).newPage();
    await signIn(expert, site, experts.done);
    await expert.goto(site.url('account/calls/pilot-2019/'));
    await expert.locator('table.review-list a').click();
    const assignment = new URL(expert.url()).pathname.replace(/^.*?(account\/)/, '$1');
    await scoreAssignment(expert, { basis: 18, plan: 27, innovation: 26, support: 17 }, '方案完整。', true);
    // Two pilots of the bundled 2020 list send their task books; the city signs the 市直学校's.
    for (const pilot of [COUNTY_PILOT, CITY_PILOT]) {
      const { status, answer } = await submitByApi(site, 'task-book-2020', taskBookFields(codes[pilot.id], pilot, '智慧教育实践与探究', [2021, 2022, 2023]));
      if (status !== 201) throw new Error(`${pilot.id} could not send its task book: ${status} ${JSON.stringify(answer)}`);
    }
    await city.goto(site.url(`account/versions/task-book-2020/${CITY_PILOT.id}/v0001/`));
    await Promise.all([city.waitForNavigation(), city.getByRole('button', { name: '签订计划任务书' }).click()]);
    return assignment;
  } finally {
    await browser.close();
  }
}

// Resolves to { site, pages, close }: the deployment running on loopback.
async function startCollectorPages() {
  const site = new Deployment({ today: NOW.slice(0, 10), extraSchools: [COUNTY_SCHOOL, RETURNED, WAITING, FORWARDED, REVIEWED] });
  try {
    await site.start();
    const codes = {};
    for (const unit of [COUNTY_PILOT.id, COUNTY_PILOT.county, CITY_PILOT.id, SCHOOL, 'pingjiang', 'huarong', COUNTY_SCHOOL.id, RETURNED.id, WAITING.id, FORWARDED.id, REVIEWED.id]) codes[unit] = site.issueCode(unit);
    const staff = addStaff(site, 'gates', '刘某');
    const experts = { done: addExpert(site, 'zhang', '张专家', { county: 'yueyanglou' }), waiting: addExpert(site, 'wang', '王专家', { county: 'linxiang' }) };
    addExpert(site, 'chen', '陈专家', { unit: REVIEWED.id });
    await site.collectorAt(NOW);
    experts.assignment = await actOnTheChain(site, codes, staff, experts);
    return { site, pages: pagesOf(site, codes, staff, experts), close: () => site.close() };
  } catch (e) {
    await site.close();
    throw e;
  }
}

module.exports = { PAGE_KEYS, startCollectorPages };
