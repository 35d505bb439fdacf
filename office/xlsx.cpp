#include "office/xlsx.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <unistd.h>

#include <xlsxwriter.h>

#include "common/files.hpp"

namespace office::xlsx {
namespace {

struct Formats {
    lxw_format* title;
    lxw_format* note;
    lxw_format* header;
    lxw_format* text;
    lxw_format* total;
    std::map<std::pair<int, bool>, lxw_format*> numbers;  // (decimals, total row)
};

lxw_format* bordered(lxw_workbook* wb, bool bold) {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 11);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f);
    if (bold) format_set_bold(f);
    return f;
}

Formats make_formats(lxw_workbook* wb, const Workbook& book) {
    Formats f{};
    f.title = workbook_add_format(wb);
    format_set_font_name(f.title, "宋体");
    format_set_font_size(f.title, 16);
    format_set_bold(f.title);
    format_set_align(f.title, LXW_ALIGN_CENTER);
    format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
    f.note = workbook_add_format(wb);
    format_set_font_name(f.note, "宋体");
    format_set_font_size(f.note, 11);
    format_set_text_wrap(f.note);
    f.header = bordered(wb, true);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    // Grey, not a colour: the header reads the same printed in black and white.
    format_set_bg_color(f.header, 0xE7E6E6);
    f.text = bordered(wb, false);
    f.total = bordered(wb, true);
    for (const Sheet& s : book.sheets)
        for (const Row& r : s.rows)
            for (const Cell& c : r.cells) {
                if (!c.number) continue;
                const auto key = std::make_pair(c.decimals, r.kind == RowKind::total);
                if (f.numbers.count(key)) continue;
                lxw_format* n = bordered(wb, key.second);
                const std::string pattern = c.decimals > 0 ? "0." + std::string(static_cast<std::size_t>(c.decimals), '0') : "0";
                format_set_num_format(n, pattern.c_str());
                f.numbers[key] = n;
            }
    return f;
}

// Width in Excel's units (one per Latin character): CJK characters take two.
double display_width(const std::string& s) {
    double width = 0;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        width += len >= 3 ? 2.1 : 1.1;
        i += len;
    }
    return width;
}

std::size_t column_count(const Sheet& s) {
    std::size_t n = 1;
    for (const Row& r : s.rows)
        if (r.kind != RowKind::title && r.kind != RowKind::note) n = std::max(n, r.cells.size());
    return n;
}

void check(lxw_error e, const Sheet& s) {
    if (e != LXW_NO_ERROR) throw std::runtime_error("xlsx: sheet \"" + s.name + "\": " + lxw_strerror(e));
}

void write_sheet(lxw_workbook* wb, const Formats& f, const Sheet& s) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
    if (!ws) throw std::runtime_error("xlsx: sheet name \"" + s.name + "\" is not allowed (empty, too long, duplicate or with []:*?/\\)");
    const auto columns = static_cast<lxw_col_t>(column_count(s));
    std::vector<double> widths(columns, 8);
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
        const Row& r = s.rows[i];
        const auto row = static_cast<lxw_row_t>(i);
        if (r.height > 0) check(worksheet_set_row(ws, row, r.height, nullptr), s);
        if (r.kind == RowKind::title || r.kind == RowKind::note) {
            const std::string text = r.cells.empty() ? std::string() : r.cells[0].text;
            lxw_format* fmt = r.kind == RowKind::title ? f.title : f.note;
            if (columns > 1) check(worksheet_merge_range(ws, row, 0, row, columns - 1, text.c_str(), fmt), s);
            else check(worksheet_write_string(ws, row, 0, text.c_str(), fmt), s);
            if (r.kind == RowKind::title) check(worksheet_set_row(ws, row, r.height > 0 ? r.height : 24, nullptr), s);
            continue;
        }
        if (r.kind == RowKind::gap) continue;
        lxw_format* plain = r.kind == RowKind::header ? f.header : r.kind == RowKind::total ? f.total : f.text;
        for (std::size_t c = 0; c < r.cells.size(); ++c) {
            const Cell& cell = r.cells[c];
            const auto col = static_cast<lxw_col_t>(c);
            if (cell.number) {
                lxw_format* fmt = f.numbers.at({cell.decimals, r.kind == RowKind::total});
                if (cell.formula.empty()) check(worksheet_write_number(ws, row, col, *cell.number, fmt), s);
                else check(worksheet_write_formula_num(ws, row, col, cell.formula.c_str(), fmt, *cell.number), s);
                widths[c] = std::max(widths[c], 10.0);
            } else if (cell.text.empty()) {
                check(worksheet_write_blank(ws, row, col, plain), s);
            } else {
                check(worksheet_write_string(ws, row, col, cell.text.c_str(), plain), s);
                widths[c] = std::max(widths[c], display_width(cell.text) + 2);
            }
        }
    }
    for (lxw_col_t c = 0; c < columns; ++c) check(worksheet_set_column(ws, c, c, std::min(widths[c], 50.0), nullptr), s);
    worksheet_set_paper(ws, 9);  // A4
    if (s.landscape) worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
}

// libxlsxwriter writes only to a named file: a private temporary one.
class TempFile {
public:
    TempFile() {
        path_ = (std::filesystem::temp_directory_path() / "generator-XXXXXX.xlsx").string();
        const int fd = mkstemps(path_.data(), 5);
        if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file in " + std::filesystem::temp_directory_path().string());
        ::close(fd);
    }
    ~TempFile() { std::remove(path_.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::time_t midnight_utc(const std::string& date) {
    std::tm tm{};
    if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm);
}

}  // namespace

Cell text(std::string s) {
    Cell c;
    c.text = std::move(s);
    return c;
}

Cell number(double value, int decimals) {
    Cell c;
    c.number = value;
    c.decimals = decimals;
    return c;
}

Sheet titled_sheet(std::string name, const std::vector<std::string>& heading, const std::string& fallback) {
    std::string title;
    for (const auto& line : heading) title += line;
    return Sheet{std::move(name), {Row{RowKind::title, {text(title.empty() ? fallback : title)}, 0}}, false};
}

std::string column_name(int column) {
    std::string name;
    for (int n = column + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

std::string xlsx_bytes(const Workbook& book) {
    TempFile file;
    lxw_workbook* wb = workbook_new(file.path().c_str());
    if (!wb) throw std::runtime_error("xlsx: cannot start a workbook");
    // A fixed creation time: libxlsxwriter would otherwise stamp the current one.
    lxw_doc_properties props{};
    props.title = const_cast<char*>(book.title.c_str());
    props.author = const_cast<char*>(book.author.c_str());
    props.created = midnight_utc(book.date);
    if (props.created == 0) props.created = 1;
    workbook_set_properties(wb, &props);
    try {
        const Formats formats = make_formats(wb, book);
        for (const Sheet& s : book.sheets) write_sheet(wb, formats, s);
    } catch (...) {
        workbook_close(wb);
        throw;
    }
    const lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(e));
    return common::read_file(file.path(), file.path());
}

std::string csv_bytes(const Sheet& sheet) {
    std::string out = "\xEF\xBB\xBF";
    for (const Row& r : sheet.rows) {
        if (r.kind == RowKind::title || r.kind == RowKind::note) continue;
        for (std::size_t i = 0; i < r.cells.size(); ++i) {
            if (i) out += ',';
            const Cell& cell = r.cells[i];
            std::string value = cell.text;
            if (cell.number) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.*f", cell.decimals, *cell.number);
                value = buf;
            }
            if (value.find_first_of(",\"\r\n") == std::string::npos) {
                out += value;
                continue;
            }
            out += '"';
            for (char ch : value) {
                if (ch == '"') out += '"';
                out += ch;
            }
            out += '"';
        }
        out += "\r\n";
    }
    return out;
}

std::string plain_text(const Workbook& book) {
    std::string out = book.title + "\n";
    for (const Sheet& s : book.sheets) {
        out += s.name + "\n";
        for (const Row& r : s.rows)
            for (const Cell& c : r.cells) out += c.text + "\n";
    }
    return out;
}

}  // namespace office::xlsx
