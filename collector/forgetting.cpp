#include "collector/forgetting.hpp"

#include <memory>
#include <vector>

#include "collector/site_rules.hpp"
#include "common/data_keys.hpp"
#include "common/data_layout.hpp"
#include "common/retention.hpp"
#include "common/review_act.hpp"
#include "common/review_state.hpp"

namespace collector {
namespace {

const char* state_label(common::KeyState state) {
    switch (state) {
        case common::KeyState::present: return "已加密保存";
        case common::KeyState::forgotten: return "已删除";
        case common::KeyState::missing: return "无个人信息";
    }
    return "";
}

// Every call's review, read without the keys: the registry's acts name no one.
struct Reviews {
    SiteRules rules;
    std::vector<std::unique_ptr<common::CallReview>> all;
    std::vector<const common::CallReview*> task_books;
};

std::unique_ptr<Reviews> read_reviews(const ForgetOptions& o) {
    auto r = std::make_unique<Reviews>();
    common::Diagnostics diags;
    r->rules = load_site_rules(o.site, diags);
    const common::DataLayout layout(o.data);
    for (const common::Call& call : r->rules.calls) {
        r->all.push_back(std::make_unique<common::CallReview>(r->rules, call, layout.versions(common::kSubmissionRecord),
                                                             common::load_acts(layout, call.key, nullptr, diags)));
        if (call.task_books()) r->task_books.push_back(r->all.back().get());
    }
    if (!diags.empty()) throw common::SourceError(diags.sorted().front());
    return r;
}

std::string due_text(const common::RetentionDue& due) { return due.due ? *due.due : "未定"; }

}  // namespace

int list_retention(const ForgetOptions& o, std::ostream& out) {
    const auto reviews = read_reviews(o);
    const common::DataKeys keys(o.keys, common::DataKeys::existing);
    for (const auto& review : reviews->all) {
        const common::RetentionDue due = common::retention_of(reviews->rules, *review, reviews->task_books);
        const common::KeyState state = keys.state(due.call);
        const bool ripe = state == common::KeyState::present && due.due && *due.due <= o.today;
        out << due.call << '\t' << state_label(state) << '\t' << due_text(due) << '\t' << (ripe ? "到期，可删除" : "") << '\t' << due.why << '\n';
    }
    return 0;
}

int forget_call(const ForgetOptions& o, std::ostream& out) {
    const auto reviews = read_reviews(o);
    common::DataKeys keys(o.keys, common::DataKeys::existing);
    const common::CallReview* review = nullptr;
    for (const auto& r : reviews->all) review = r->call().key == o.call ? r.get() : review;
    if (!review) {
        out << "没有这项申报：" << o.call << '\n';
        return 1;
    }
    const common::RetentionDue due = common::retention_of(reviews->rules, *review, reviews->task_books);
    if (!o.before_due && !(due.due && *due.due <= o.today)) {
        out << o.call << " 的个人信息保存期未满（" << due_text(due) << "：" << due.why << "）；确需提前删除时加 --before-due\n";
        return 1;
    }
    if (!keys.forget(o.call, o.today, o.by)) {
        out << o.call << " 没有密钥可删除（" << state_label(keys.state(o.call)) << "）\n";
        return 1;
    }
    out << o.call << " 的个人信息已删除：密钥已销毁，数据目录、其远程仓库和备份中只剩无法解密的密文\n";
    return 0;
}

}  // namespace collector
