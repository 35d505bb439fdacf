// A blank form as data/forms/ holds it, read from its attachment's tables
// row by row: labels with blanks beside them are fields, a header row over
// empty rows a table, cells of "…意见：" signatures, and a 注 below it notes.

#include "common/text.hpp"
#include "generator/import/attachment_kinds.hpp"
#include "generator/import/data_json.hpp"
#include "generator/import/form_labels.hpp"
#include "generator/import/word_text.hpp"

namespace gen::import {

namespace {

using nlohmann::ordered_json;

bool ends_with_colon(const std::string& cell) { return common::ends_with(cell, "：") || common::ends_with(cell, ":"); }

bool is_note(const std::string& line) { return common::starts_with(line, "注：") || common::starts_with(line, "注:"); }

bool is_opinion(const std::string& line) { return common::ends_with(line, "意见：") || common::ends_with(line, "意见:"); }

// Who signs, the seal, the date: what a signature's space holds below its label.
bool is_signing_line(const std::string& line) {
    const std::string s = spaceless(line);
    return says_any(s, {"盖章", "签字", "签名", "负责人"}) || s == "年月日";
}

bool all_empty(const std::vector<std::string>& cells) {
    for (const std::string& c : cells)
        if (!c.empty()) return false;
    return true;
}

// The lines of a cell: its paragraphs, each broken where the author broke it.
std::vector<std::string> cell_lines(const office::WordCell& cell) {
    std::vector<std::string> out;
    for (const std::string& p : cell.paragraphs)
        for (std::string& line : lines_of(p)) out.push_back(std::move(line));
    return out;
}

class FormReader {
public:
    FormReader(bool by_school, Problems& problems) : by_school_(by_school), problems_(problems) {}

    void table(const std::string& where, const office::WordTable& table) {
        const Grid grid = grid_of(table);
        for (std::size_t r = 0; r < grid.size(); ++r) {
            const std::string at = row_where(where, r);
            const std::vector<std::string>& cells = grid[r];
            bool merged = false;
            for (const office::WordCell& c : table.rows[r].cells) merged = merged || c.continues_above;
            if (merged) {
                problems_.push_back({at, "a cell merged with the one above it: a blank form's rows are read one by one, so split it in Word"});
                continue;
            }
            if (all_empty(cells)) {
                empty_row(at, cells.size());
                continue;
            }
            text_area_ = false;
            table_open_ = false;
            // A note in the table's last row, as some forms print it, is the form's note all the same.
            if (cells.size() == 1 && is_note(cells.front())) {
                notes.push_back(cells.front());
                continue;
            }
            const bool blank_below = r + 1 < grid.size() && all_empty(grid[r + 1]);
            if (signature_row(table.rows[r])) continue;
            if (blank_below && header_row(cells)) continue;
            fields_row(at, cells, blank_below);
        }
    }

    void paragraph(const std::string& line) {
        // Text between two tables ends what the empty rows of the first belonged to.
        text_area_ = false;
        table_open_ = false;
        if (!notes.empty() || is_note(line)) notes.push_back(line);
        else if (last_is("signatures") && is_signing_line(line)) blocks.back()["entries"].back()["lines"].push_back(line);
        else items("text", "paragraphs").push_back(line);
    }

    ordered_json blocks = ordered_json::array();
    std::vector<std::string> notes;

private:
    bool last_is(const char* type) const { return !blocks.empty() && blocks.back()["type"] == type; }

    // The `list` of the last block when it is of this type, else of a new one.
    ordered_json& items(const char* type, const char* list) {
        if (!last_is(type)) blocks.push_back({{"type", type}, {list, ordered_json::array()}});
        return blocks.back()[list];
    }

    ordered_json field(const std::string& label, bool column) {
        const LabelMeaning m = meaning_of(label);
        ordered_json f = {{"name", names_.name_for(label, m, column)}, {"label", label}, {"type", m.type}};
        // A table's blank rows are filled as far as there is something to list.
        if (!column) f["required"] = true;
        if (m.personal) f["personal"] = true;
        const std::string s = spaceless(label);
        if (by_school_ && says_any(s, {"学校名称", "单位名称"})) f["names_applicant"] = true;
        if (m.max_chars) f["max_chars"] = m.max_chars;
        return f;
    }

    void empty_row(const std::string& at, std::size_t width) {
        if (text_area_) {
            // The space below a label on a row of its own is where its text goes.
            ordered_json& f = blocks.back()["fields"].back();
            if (f["type"] == "text") f["type"] = "textarea";
        } else if (table_open_ && blocks.back()["columns"].size() == width) {
            blocks.back()["blank_rows"] = blocks.back()["blank_rows"].get<int>() + 1;
        } else {
            problems_.push_back({at, table_open_ ? std::to_string(width) + " cells where the header row above has " +
                                                       std::to_string(blocks.back()["columns"].size())
                                                 : "an empty row below no label or header row: a blank form's blanks are beside or "
                                                   "below their label"});
        }
    }

    bool signature_row(const office::WordRow& row) {
        std::vector<std::vector<std::string>> cells;
        for (const office::WordCell& c : row.cells) {
            std::vector<std::string> lines = cell_lines(c);
            if (lines.empty()) continue;  // a table filled out to a rectangle has empty cells beside the last
            if (!is_opinion(lines.front())) return false;
            cells.push_back(std::move(lines));
        }
        for (std::vector<std::string>& lines : cells) {
            const std::string label = lines.front();
            lines.erase(lines.begin());
            items("signatures", "entries").push_back({{"label", label}, {"lines", lines}});
        }
        return true;
    }

    bool header_row(const std::vector<std::string>& cells) {
        if (cells.size() < 2) return false;
        for (const std::string& c : cells)
            if (c.empty() || ends_with_colon(c)) return false;
        ordered_json columns = ordered_json::array();
        bool units = false;
        for (const std::string& c : cells) {
            columns.push_back(field(label_text(c), true));
            units = units || columns.back()["name"] == "unit";
        }
        // A county's summary lists its schools; the collector fills their rows by that name.
        blocks.push_back({{"type", "table"}, {"name", names_.unique(units ? "schools" : "rows")}, {"columns", columns}, {"blank_rows", 0}});
        table_open_ = true;
        return true;
    }

    void fields_row(const std::string& at, const std::vector<std::string>& cells, bool blank_below) {
        std::vector<std::string> labels;
        for (std::size_t i = 0; i < cells.size();) {
            const std::string& cell = cells[i];
            const bool blank_beside = i + 1 < cells.size() && cells[i + 1].empty();
            if (cell.empty() && !labels.empty() && all_empty({cells.begin() + static_cast<std::ptrdiff_t>(i), cells.end()}))
                break;  // the last blank, spread over the cells left, as a table filled out to a rectangle has it
            if (cell.empty()) {
                problems_.push_back({at, "cell " + std::to_string(i + 1) + " is empty where a label belongs: a blank form's rows pair "
                                                                           "labels with blanks"});
                return;
            }
            if (blank_beside) {
                labels.push_back(cell);
                i += 2;
            } else if (ends_with_colon(cell) || (cells.size() == 1 && blank_below)) {
                labels.push_back(cell);  // the blank is in the label's cell, after its colon, or the rows below
                ++i;
            } else {
                problems_.push_back({at, i + 1 < cells.size() ? "\"" + cells[i + 1] + "\" fills the blank beside \"" + cell +
                                                                    "\": a blank form's blanks are empty"
                                                              : "\"" + cell + "\" has no blank beside it"});
                return;
            }
        }
        ordered_json& fields = items("fields", "fields");
        for (const std::string& label : labels) {
            fields.push_back(field(label_text(label), false));
            if (labels.size() == 1) fields.back()["wide"] = true;
        }
        text_area_ = labels.size() == 1;
    }

    const bool by_school_;
    Problems& problems_;
    FieldNames names_;
    bool text_area_ = false;   // the empty rows below are the last field's space
    bool table_open_ = false;  // the empty rows below are the last table's blank rows
};

// "application-2019" from "2019年…申请表", with -2, -3 … past the names data/forms/ has.
std::string form_id(const std::string& title, const SiteSources& site) {
    const std::string s = spaceless(title);
    const std::string kind = says_any(s, {"申请表"})   ? "application"
                             : says_any(s, {"汇总表"}) ? "summary"
                             : says_any(s, {"任务书"}) ? "task-book"
                                                       : "form";
    const std::string year = year_of_title(title);
    const std::string base = year.empty() ? kind : kind + "-" + year;
    auto taken = [&](const std::string& id) {
        for (const auto& [form_title, path] : site.forms)
            if (path == "forms/" + id + ".json") return true;
        return false;
    };
    std::string id = base;
    for (int k = 2; taken(id); ++k) id = base + "-" + std::to_string(k);
    return id;
}

}  // namespace

bool looks_like_blank_form(const Grid& grid) {
    for (const std::vector<std::string>& row : grid)
        for (const std::string& cell : row)
            if (cell.empty() || ends_with_colon(cell)) return true;
    return false;
}

std::optional<DataFile> blank_form_file(const std::string& where, const std::string& title, const std::vector<std::string>& heading,
                                        const std::vector<office::WordBlock>& blocks, const SiteSources& site, Problems& problems) {
    const std::size_t before = problems.size();
    std::vector<std::string> heading_lines = heading;
    std::string subtitle;  // who fills it in, in brackets under the heading: （县市区）
    if (!heading_lines.empty() && common::starts_with(heading_lines.back(), "（") && common::ends_with(heading_lines.back(), "）")) {
        subtitle = heading_lines.back();
        heading_lines.pop_back();
    }
    const std::string who = spaceless(title + subtitle);
    const bool by_county = says_any(who, {"汇总表", "县市区"});
    FormReader reader(!by_county, problems);
    int tables = 0;
    for (const office::WordBlock& b : blocks) {
        if (const auto* t = std::get_if<office::WordTable>(&b)) reader.table(where + " table " + std::to_string(++tables), *t);
        else if (tables > 0)
            for (const std::string& line : lines_of(std::get<office::WordParagraph>(b).text)) reader.paragraph(line);
    }
    if (problems.size() != before) return std::nullopt;
    ordered_json doc;
    doc["title"] = title;
    doc["heading"] = heading_lines.empty() ? std::vector<std::string>{title} : heading_lines;
    if (!subtitle.empty()) doc["subtitle"] = subtitle;
    doc["submitted_by"] = by_county ? "county" : "school";
    doc["blocks"] = reader.blocks;
    if (!reader.notes.empty()) doc["notes"] = reader.notes;
    return DataFile{"forms/" + form_id(title, site) + ".json", data_json_text(doc)};
}

}  // namespace gen::import
