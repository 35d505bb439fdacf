#include "generator/online_form_view.hpp"

#include <nlohmann/json.hpp>

#include "common/form_validation.hpp"
#include "common/urls.hpp"
#include "generator/date.hpp"

namespace gen {
namespace {

using nlohmann::json;

// Keys hold dots ("budget_items.2021.0.cost"); ids may not look like selectors.
std::string input_id(const std::string& key) {
    std::string id = "f-" + key;
    for (char& c : id)
        if (c == '.') c = '-';
    return id;
}

// What each field type asks of the browser and tells the person filling it in.
struct InputKind {
    const char* input_type;
    const char* inputmode;
    const char* hint;
};

InputKind input_kind(const std::string& type) {
    if (type == "mobile") return {"tel", "numeric", "11位手机号码"};
    if (type == "phone") return {"tel", "tel", "如0730-8805708"};
    if (type == "money") return {"text", "decimal", "单位：万元，最多两位小数"};
    if (type == "date") return {"date", "", ""};
    if (type == "year") return {"text", "numeric", "四位年份"};
    if (type == "period") return {"text", "", "如2021年3月至2021年12月"};
    if (type == "file") return {"file", "", "可上传PDF、DOC、DOCX、WPS、ODT、JPG或PNG文件"};
    return {"text", "", ""};
}

View input_view(const common::FormField& f, const std::string& key, const std::string& label, bool in_table) {
    View v("key", key);
    v.set("id", input_id(key));
    v.set("label", label);
    v.set("required", f.required && !in_table);
    v.set("is_textarea", f.type == "textarea");
    v.set("is_file", f.type == "file");
    const InputKind kind = input_kind(f.type);
    v.set("input_type", std::string(kind.input_type));
    if (*kind.inputmode) v.set("inputmode", std::string(kind.inputmode));
    if (*kind.hint && !in_table) v.set("hint", std::string(kind.hint));
    if (f.max_chars > 0) v.set("max_chars", std::to_string(f.max_chars));
    // Personal data is not for the browser to remember on a shared school computer.
    v.set("autocomplete", std::string(f.personal ? "off" : "on"));
    return v;
}

// One block of fields or one table; other blocks (signatures, outlines) are for paper.
View block_view(const common::FormBlock& b, int year, json& schema_items) {
    View v;
    if (!b.heading.empty()) v.set("heading", common::with_year(b.heading, year));
    if (!b.note.empty()) v.set("note", b.note);
    if (b.type == "fields") {
        v.set("is_fields", true);
        List fields = list();
        for (const auto& f : b.fields) {
            const std::string key = common::value_key(f.name, year);
            fields << input_view(f, key, f.label, false);
            schema_items.push_back({{"key", key}, {"label", f.label + common::year_label(year)}, {"type", f.type}, {"required", f.required},
                                    {"max_chars", f.max_chars}});
        }
        v.set("fields", fields);
    } else if (b.type == "table") {
        v.set("is_table", true);
        const std::string prefix = common::row_prefix(b.name, year);
        v.set("prefix", prefix);
        v.set("caption", b.title.empty() ? std::string("明细") : b.title);
        List columns = list();
        json schema_columns = json::array();
        for (const auto& c : b.fields) {
            columns << View("label", c.label);
            schema_columns.push_back({{"name", c.name}, {"label", c.label}, {"type", c.type}, {"max_chars", c.max_chars}});
        }
        v.set("columns", columns);
        List rows = list();
        for (int r = 0; r < std::max(b.blank_rows, 1); ++r) {
            View row("number", std::to_string(r + 1));
            List cells = list();
            for (const auto& c : b.fields)
                cells << input_view(c, common::cell_key(prefix, r, c.name), c.label + "（第" + std::to_string(r + 1) + "行）", true);
            row.set("cells", cells);
            rows << row;
        }
        v.set("rows", rows);
        schema_items.push_back({{"table", prefix}, {"label_suffix", common::year_label(year)}, {"columns", schema_columns}});
    }
    return v;
}

}  // namespace


View online_form_view(const ViewContext& ctx, const FormDef& form, const Call& call) {
    const Site& s = ctx.site;
    View v;
    v.set("title", "在线填报：" + form.form.title);
    v.set("form_title", form.form.title);
    v.set("print_url", href(ctx, common::data_url("forms", form.key)));
    v.set("call_title", call.title);
    const auto deadline = parse_date(call.deadline);
    v.set("deadline", deadline->zh());
    v.set("deadline_iso", deadline->iso());
    v.set("closed", s.today.ordinal() > deadline->ordinal());
    for (const auto& n : s.notices)
        if (n.slug == call.notice) {
            v.set("notice_title", n.title);
            v.set("notice_url", href(ctx, common::notice_url(n.slug)));
        }
    v.set("action", href(ctx, common::submission_api(form.key)));
    v.set("uploads", href(ctx, common::uploads_api()));
    v.set("privacy_title", s.privacy.title);
    List privacy = list();
    for (const auto& p : s.privacy.paragraphs) privacy << View("text", p);
    v.set("privacy_paragraphs", privacy);
    v.set("privacy_version", s.privacy.version);

    // In document order, as the collector lists its errors.
    json items = json::array();
    List blocks = list();
    for (const auto& b : form.form.blocks) {
        if (b.type == "fields" || b.type == "table") {
            blocks << block_view(b, 0, items);
            continue;
        }
        if (b.type != "per_year") continue;
        for (int year : b.years) {
            View yv("year", std::to_string(year));
            List inner = list();
            for (const auto& child : b.blocks)
                if (child.type == "fields" || child.type == "table") inner << block_view(child, year, items);
            yv.set("blocks", inner);
            View wrapper("is_year", true);
            wrapper.set("year_block", yv);
            blocks << wrapper;
        }
    }
    v.set("blocks", blocks);

    json rules = json::array();
    for (const auto& r : common::rule_checks(form.form))
        rules.push_back({{"code", r.code}, {"total_key", r.total_key}, {"label", r.label}, {"parts", r.parts}, {"part_keys", r.part_keys},
                         {"table_prefix", r.table_prefix}, {"column", r.column}});
    const json schema = {{"items", items}, {"rules", rules}, {"max_rows", common::kMaxTableRows},
                         {"messages", common::message_templates()}, {"privacy_title", s.privacy.title}};
    v.set("schema", schema.dump());
    return v;
}

}  // namespace gen
