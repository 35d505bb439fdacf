#include "common/form_schema.hpp"

#include <algorithm>
#include <set>

namespace common {
namespace {

using nlohmann::json;

const std::set<std::string> kFieldTypes = {"text", "textarea", "mobile", "phone", "money",
                                           "date", "period", "year", "file"};
const std::set<std::string> kBlockTypes = {"fields", "table", "text", "outline", "signatures", "per_year"};

bool is_snake_case(const std::string& s) {
    if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

FormField parse_field(const JsonFile& f, const json& j, const std::string& ptr) {
    FormField field;
    field.name = require_string(f, j, ptr, "name");
    if (!is_snake_case(field.name))
        f.fail_at(ptr + "/name", "field name \"" + field.name + "\" must be lowercase ASCII snake_case");
    field.label = require_string(f, j, ptr, "label");
    field.type = require_string(f, j, ptr, "type");
    if (!kFieldTypes.count(field.type)) f.fail_at(ptr + "/type", "unknown field type \"" + field.type + "\"");
    field.required = optional_bool(f, j, ptr, "required");
    field.personal = optional_bool(f, j, ptr, "personal");
    field.names_applicant = optional_bool(f, j, ptr, "names_applicant");
    field.wide = optional_bool(f, j, ptr, "wide");
    if (const auto it = j.find("max_chars"); it != j.end()) {
        if (!it->is_number_integer() || it->get<int>() <= 0)
            f.fail_at(ptr + "/max_chars", "\"max_chars\" must be a positive whole number");
        field.max_chars = it->get<int>();
    }
    return field;
}

std::vector<FormField> parse_fields(const JsonFile& f, const json& obj, const std::string& ptr, const char* key) {
    std::vector<FormField> out;
    const auto& list = require_list(f, obj, ptr, key);
    for (std::size_t i = 0; i < list.size(); ++i)
        out.push_back(parse_field(f, list[i], ptr + "/" + key + "/" + std::to_string(i)));
    return out;
}

OutlineItem parse_outline_item(const JsonFile& f, const json& j, const std::string& ptr) {
    OutlineItem item;
    item.text = require_string(f, j, ptr, "text");
    if (const auto it = j.find("items"); it != j.end()) {
        if (!it->is_array()) f.fail_at(ptr + "/items", "\"items\" must be a list");
        for (std::size_t i = 0; i < it->size(); ++i)
            item.items.push_back(parse_outline_item(f, (*it)[i], ptr + "/items/" + std::to_string(i)));
    }
    return item;
}

FormBlock parse_block(const JsonFile& f, const json& j, const std::string& ptr) {
    FormBlock b;
    b.type = require_string(f, j, ptr, "type");
    if (!kBlockTypes.count(b.type)) f.fail_at(ptr + "/type", "unknown block type \"" + b.type + "\"");
    b.heading = optional_string(f, j, ptr, "heading");
    b.note = optional_string(f, j, ptr, "note");
    if (b.type == "fields") {
        b.fields = parse_fields(f, j, ptr, "fields");
    } else if (b.type == "table") {
        b.name = require_string(f, j, ptr, "name");
        b.title = optional_string(f, j, ptr, "title");
        b.fields = parse_fields(f, j, ptr, "columns");
        if (const auto it = j.find("blank_rows"); it != j.end()) {
            if (!it->is_number_integer() || it->get<int>() < 0)
                f.fail_at(ptr + "/blank_rows", "\"blank_rows\" must be a whole number");
            b.blank_rows = it->get<int>();
        }
    } else if (b.type == "text") {
        b.paragraphs = string_list(f, j, ptr, "paragraphs");
    } else if (b.type == "outline") {
        const auto& items = require_list(f, j, ptr, "items");
        for (std::size_t i = 0; i < items.size(); ++i)
            b.items.push_back(parse_outline_item(f, items[i], ptr + "/items/" + std::to_string(i)));
    } else if (b.type == "signatures") {
        const auto& entries = require_list(f, j, ptr, "entries");
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const std::string p = ptr + "/entries/" + std::to_string(i);
            b.entries.push_back({require_string(f, entries[i], p, "label"), string_list(f, entries[i], p, "lines"), optional_string(f, entries[i], p, "party")});
            const std::string& party = b.entries.back().party;
            if (!party.empty() && party != "school" && party != "county" && party != "city")
                f.fail_at(p + "/party", "\"party\" must be school, county or city");
        }
    } else {  // per_year
        const auto& years = require_list(f, j, ptr, "years");
        for (std::size_t i = 0; i < years.size(); ++i) {
            if (!years[i].is_number_integer()) f.fail_at(ptr + "/years/" + std::to_string(i), "a year must be a whole number");
            b.years.push_back(years[i].get<int>());
        }
        const auto& blocks = require_list(f, j, ptr, "blocks");
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            FormBlock child = parse_block(f, blocks[i], ptr + "/blocks/" + std::to_string(i));
            if (child.type == "per_year") f.fail_at(ptr + "/blocks/" + std::to_string(i), "per_year blocks cannot nest");
            b.blocks.push_back(std::move(child));
        }
    }
    return b;
}

void collect_fields(const std::vector<FormBlock>& blocks, std::vector<const FormField*>& out) {
    for (const auto& b : blocks) {
        for (const auto& field : b.fields) out.push_back(&field);
        collect_fields(b.blocks, out);
    }
}

const FormBlock* find_table(const std::vector<FormBlock>& blocks, const std::string& name) {
    for (const auto& b : blocks) {
        if (b.type == "table" && b.name == name) return &b;
        if (const FormBlock* inner = find_table(b.blocks, name)) return inner;
    }
    return nullptr;
}

}  // namespace

std::vector<const FormField*> all_fields(const Form& form) {
    std::vector<const FormField*> out;
    collect_fields(form.blocks, out);
    return out;
}

Form parse_form(const JsonFile& f, const std::string& id) {
    const json& j = f.value;
    Form form;
    form.id = id;
    form.title = require_string(f, j, "", "title");
    form.heading = string_list(f, j, "", "heading");
    if (form.heading.empty()) form.heading.push_back(form.title);
    form.subtitle = optional_string(f, j, "", "subtitle");
    form.submitted_by = optional_string(f, j, "", "submitted_by");
    if (!form.submitted_by.empty() && form.submitted_by != "school" && form.submitted_by != "county")
        f.fail_at("/submitted_by", "\"submitted_by\" must be \"school\" or \"county\"");
    const auto& blocks = require_list(f, j, "", "blocks");
    for (std::size_t i = 0; i < blocks.size(); ++i) form.blocks.push_back(parse_block(f, blocks[i], "/blocks/" + std::to_string(i)));
    form.notes = string_list(f, j, "", "notes");

    std::set<std::string> names;
    for (const FormField* field : all_fields(form)) {
        if (!names.insert(field->name).second) {
            // Point at the second definition: the scanner finds the first, so search by text.
            const auto second = f.text.find("\"" + field->name + "\"", f.text.find("\"" + field->name + "\"") + 1);
            const LineCol lc = line_col_at(f.text, second == std::string::npos ? 0 : second);
            fail(f.path, lc.line, lc.col, "field name \"" + field->name + "\" is used twice");
        }
    }

    if (const auto it = j.find("rules"); it != j.end()) {
        if (!it->is_array()) f.fail_at("/rules", "\"rules\" must be a list");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string ptr = "/rules/" + std::to_string(i);
            const json& r = (*it)[i];
            FormRule rule;
            rule.type = require_string(f, r, ptr, "type");
            rule.total = require_string(f, r, ptr, "total");
            if (!names.count(rule.total)) f.fail_at(ptr + "/total", "rule names unknown field \"" + rule.total + "\"");
            if (rule.type == "sum") {
                rule.parts = string_list(f, r, ptr, "parts");
                if (rule.parts.empty()) f.fail_at(ptr, "a sum rule needs \"parts\"");
                for (const auto& p : rule.parts)
                    if (!names.count(p)) f.fail_at(ptr + "/parts", "rule names unknown field \"" + p + "\"");
            } else if (rule.type == "column_sum") {
                rule.table = require_string(f, r, ptr, "table");
                rule.column = require_string(f, r, ptr, "column");
                const FormBlock* table = find_table(form.blocks, rule.table);
                if (!table) f.fail_at(ptr + "/table", "rule names unknown table \"" + rule.table + "\"");
                const bool has_column = std::any_of(table->fields.begin(), table->fields.end(),
                                                    [&](const FormField& c) { return c.name == rule.column; });
                if (!has_column) f.fail_at(ptr + "/column", "table \"" + rule.table + "\" has no column \"" + rule.column + "\"");
            } else {
                f.fail_at(ptr + "/type", "unknown rule type \"" + rule.type + "\"");
            }
            form.rules.push_back(std::move(rule));
        }
    }
    return form;
}

std::vector<std::vector<const FormField*>> printed_rows(const FormBlock& block) {
    std::vector<std::vector<const FormField*>> rows;
    std::vector<const FormField*> pending;
    for (const auto& f : block.fields) {
        if (f.wide || f.type == "textarea") {
            if (!pending.empty()) rows.push_back(std::move(pending));
            pending.clear();
            rows.push_back({&f});
            continue;
        }
        pending.push_back(&f);
        if (pending.size() == 2) {
            rows.push_back(std::move(pending));
            pending.clear();
        }
    }
    if (!pending.empty()) rows.push_back(std::move(pending));
    return rows;
}

// Not a field name: no form field holds a colon.
std::string signature_key(const std::string& party) { return "signed:" + party; }

std::string value_key(const std::string& name, int year) { return year ? name + "." + std::to_string(year) : name; }

std::string row_prefix(const std::string& table, int year) { return value_key(table, year) + "."; }

std::string cell_key(const std::string& row_prefix, int row, const std::string& column) {
    return row_prefix + std::to_string(row) + "." + column;
}

std::string year_label(int year) { return year ? "（" + std::to_string(year) + "年）" : ""; }

std::string with_year(std::string text, int year) {
    const std::string key = "{year}";
    for (std::size_t p; (p = text.find(key)) != std::string::npos;) text.replace(p, key.size(), std::to_string(year));
    return text;
}

}  // namespace common
