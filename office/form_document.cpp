#include "office/form_document.hpp"

#include <algorithm>

#include "office/document_pdf.hpp"

namespace office {
namespace {

using docx::Paragraph;
using docx::Style;

constexpr int kBlankHeightMm = 10;      // room for a name or a number
constexpr int kTextAreaHeightMm = 70;   // room for a paragraph by hand
constexpr double kSheetBlankHeight = 24;  // points

// What a blank holds: nothing on the blank form, a stored value on a filled one.
class Filling {
public:
    explicit Filling(const common::FormValues* values) : values_(values) {}
    std::string at(const std::string& key) const {
        if (!values_) return {};
        const auto it = values_->find(key);
        return it == values_->end() ? std::string() : it->second;
    }
    // How many rows a table prints: its blank rows, or as many as were used.
    int rows(const common::FormBlock& table, int year) const {
        int rows = table.blank_rows;
        const std::string prefix = common::row_prefix(table.name, year);
        for (int i = 0; values_ && i < common::kMaxTableRows; ++i)
            for (const auto& c : table.fields)
                if (!at(common::cell_key(prefix, i, c.name)).empty()) rows = std::max(rows, i + 1);
        return rows;
    }

private:
    const common::FormValues* values_;
};

class DocumentBuilder {
public:
    DocumentBuilder(docx::Document& doc, Filling filling) : doc_(doc), filling_(filling) {}

    void paragraph(Style style, const std::string& text, int indent = 0) {
        // Built in place: moving a whole variant in trips GCC 12's
        // -Wmaybe-uninitialized at -O2 (a false positive inside std::variant).
        doc_.blocks.emplace_back(std::in_place_type<Paragraph>, Paragraph{style, text, indent, page_break_});
        page_break_ = false;
    }
    void table(docx::Table t) {
        // A page break belongs to a paragraph: an empty one starts the page.
        if (page_break_) paragraph(Style::outline, "");
        doc_.blocks.emplace_back(std::in_place_type<docx::Table>, std::move(t));
    }
    void new_page() { page_break_ = true; }

    void block(const common::FormBlock& b, int year) {
        if (!b.heading.empty()) paragraph(Style::heading, common::with_year(b.heading, year));
        if (b.type == "fields") fields(b, year);
        else if (b.type == "table") blank_table(b, year);
        else if (b.type == "text")
            for (const auto& text : b.paragraphs) paragraph(Style::body, text);
        else if (b.type == "outline")
            for (const auto& item : b.items) {
                paragraph(Style::heading, item.text);
                for (const auto& sub : item.items) paragraph(Style::outline, sub.text, 2);
            }
        else if (b.type == "signatures")
            for (const auto& entry : b.entries) {
                paragraph(Style::outline, entry.label);
                for (const auto& line : entry.lines) paragraph(Style::sign, line);
                // Signed online: the copy says by whom and when, beside the blanks for the seal.
                if (const std::string signed_by = entry.party.empty() ? "" : filling_.at(common::signature_key(entry.party)); !signed_by.empty())
                    paragraph(Style::sign, signed_by);
            }
        if (!b.note.empty()) paragraph(Style::note, b.note);
    }

private:
    void fields(const common::FormBlock& b, int year) {
        docx::Table t;
        t.widths = {2, 3, 2, 3};
        for (const auto& printed : common::printed_rows(b)) {
            docx::Row row;
            row.min_height_mm = kBlankHeightMm;
            for (const auto* f : printed) {
                row.cells.push_back({f->label, true, 1});
                row.cells.push_back({filling_.at(common::value_key(f->name, year)), false, printed.size() == 1 ? 3 : 1});
                if (f->type == "textarea") row.min_height_mm = kTextAreaHeightMm;
            }
            t.rows.push_back(std::move(row));
        }
        table(std::move(t));
    }

    void blank_table(const common::FormBlock& b, int year) {
        docx::Table t;
        docx::Row header;
        header.header = true;
        for (const auto& c : b.fields) {
            header.cells.push_back({c.label, true, 1});
            t.widths.push_back(1);
        }
        t.rows.push_back(header);
        const std::string prefix = common::row_prefix(b.name, year);
        for (int i = 0; i < filling_.rows(b, year); ++i) {
            docx::Row row;
            row.min_height_mm = kBlankHeightMm;
            for (const auto& c : b.fields) row.cells.push_back({filling_.at(common::cell_key(prefix, i, c.name)), false, 1});
            t.rows.push_back(std::move(row));
        }
        table(std::move(t));
    }

    docx::Document& doc_;
    Filling filling_;
    bool page_break_ = false;
};

}  // namespace

docx::Document form_document(const common::Form& form, const std::string& author, const std::string& date, const common::FormValues* filled,
                             const CopyMark* mark) {
    docx::Document doc{form.title, author, date, {}};
    DocumentBuilder build(doc, Filling(filled));
    if (form.heading.empty()) build.paragraph(Style::title, form.title);
    for (const auto& line : form.heading) build.paragraph(Style::title, line);
    if (!form.subtitle.empty()) build.paragraph(Style::subtitle, form.subtitle);
    if (mark)
        build.paragraph(Style::note, "回执号：" + mark->receipt + "\n版本：第" + std::to_string(mark->version) + "版\n收到时间：" + mark->received_at);
    for (const auto& b : form.blocks) {
        if (b.type != "per_year") {
            build.block(b, 0);
            continue;
        }
        for (int year : b.years) {
            build.new_page();
            for (const auto& inner : b.blocks) build.block(inner, year);
        }
    }
    for (const auto& note : form.notes) build.paragraph(Style::note, note);
    // Left blank for the seal and the signature in ink.
    if (mark)
        for (const char* line : {"申报单位（盖章）：　　　　　　　　", "负责人（签字）：　　　　　　　　", "年　　月　　日"})
            build.paragraph(Style::sign, line);
    return doc;
}

bool is_table_form(const common::Form& form) {
    return std::any_of(form.blocks.begin(), form.blocks.end(), [](const common::FormBlock& b) { return b.type == "table"; });
}

xlsx::Sheet form_table_sheet(const common::FormBlock& table, const common::FormValues* filled) {
    const Filling filling(filled);
    xlsx::Sheet sheet;
    xlsx::Row header{xlsx::RowKind::header, {}, 0};
    for (const auto& c : table.fields) header.cells.push_back(xlsx::text(c.label));
    sheet.rows.push_back(header);
    const std::string prefix = common::row_prefix(table.name, 0);
    for (int i = 0; i < filling.rows(table, 0); ++i) {
        xlsx::Row row{xlsx::RowKind::data, {}, kSheetBlankHeight};
        for (const auto& c : table.fields) {
            const std::string value = filling.at(common::cell_key(prefix, i, c.name));
            row.cells.push_back(value.empty() ? xlsx::Cell{} : xlsx::text(value));
        }
        sheet.rows.push_back(std::move(row));
    }
    return sheet;
}

xlsx::Sheet form_sheet(const common::Form& form, const common::FormValues* filled) {
    const Filling filling(filled);
    xlsx::Sheet sheet = xlsx::titled_sheet("表格", form.heading, form.title);
    if (!form.subtitle.empty()) sheet.rows.push_back({xlsx::RowKind::note, {xlsx::text(form.subtitle)}, 0});
    for (const auto& b : form.blocks) {
        if (b.type == "fields") {
            for (const auto& printed : common::printed_rows(b)) {
                xlsx::Row row{xlsx::RowKind::data, {}, kSheetBlankHeight};
                for (const auto* f : printed) {
                    row.cells.push_back(xlsx::text(f->label));
                    const std::string value = filling.at(common::value_key(f->name, 0));
                    row.cells.push_back(value.empty() ? xlsx::Cell{} : xlsx::text(value));
                }
                sheet.rows.push_back(std::move(row));
            }
        } else if (b.type == "table") {
            for (auto& row : form_table_sheet(b, filled).rows) sheet.rows.push_back(std::move(row));
        } else {
            continue;
        }
        if (!b.note.empty()) sheet.rows.push_back({xlsx::RowKind::note, {xlsx::text(b.note)}, 0});
    }
    for (const auto& note : form.notes) sheet.rows.push_back({xlsx::RowKind::note, {xlsx::text(note)}, 0});
    sheet.landscape = true;
    return sheet;
}

std::string filled_docx(const common::Form& form, const std::string& author, const std::string& date, const common::FormValues& values,
                        const CopyMark* mark) {
    return docx::docx_bytes(form_document(form, author, date, &values, mark));
}

std::string filled_pdf(const common::Form& form, const std::string& author, const std::string& date, const common::FormValues& values,
                       const CopyMark& mark) {
    return document_pdf(form_document(form, author, date, &values, &mark));
}

std::string filled_xlsx(const common::Form& form, const std::string& author, const std::string& date, const common::FormValues& values) {
    return xlsx::xlsx_bytes({form.title, author, date, {form_sheet(form, &values)}});
}

}  // namespace office
