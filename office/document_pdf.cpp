#include "office/document_pdf.hpp"

#include <algorithm>
#include <numeric>

#include "office/pdf_writer.hpp"

namespace office {
namespace {

using docx::Style;

// GB/T 9704's margins, as the Word file has them.
const double kTop = pdf::mm(37), kBottom = pdf::kPageHeight - pdf::mm(35), kLeft = pdf::mm(28);
const double kWidth = pdf::kPageWidth - kLeft - pdf::mm(26);
constexpr double kCellSize = 12;    // 小四, the Word file's table text
constexpr double kCellPitch = 18;
constexpr double kCellPadding = 4;
constexpr double kAscent = 0.88;    // of the em, above the baseline

struct Look {
    double size, pitch;
    enum { left, center, right } align;
    bool indent_first;  // two characters, as body text is
};

// 二号 22 pt, 三号 16 pt, 四号 14 pt; body text at GB/T 9704's 28 pt pitch.
Look look(Style s) {
    switch (s) {
        case Style::title: return {22, 36, Look::center, false};
        case Style::subtitle: return {16, 28, Look::center, false};
        case Style::heading: return {16, 28, Look::left, false};
        case Style::body: return {16, 28, Look::left, true};
        case Style::note: return {14, 22, Look::left, false};
        case Style::outline: return {16, 28, Look::left, false};
        case Style::sign: return {16, 28, Look::right, false};
    }
    return {16, 28, Look::left, false};
}

class Layout {
public:
    void paragraph(const docx::Paragraph& p) {
        const Look l = look(p.style);
        if (p.page_break_before) page();
        const double indent = p.indent_chars * l.size;
        const std::string text = l.indent_first && !p.text.empty() ? "\u3000\u3000" + p.text : p.text;
        for (const std::string& line : pdf::wrap(text, l.size, kWidth - indent)) {
            room(l.pitch);
            const double w = pdf::text_width(line, l.size);
            const double x = l.align == Look::center ? kLeft + (kWidth - w) / 2 : l.align == Look::right ? kLeft + kWidth - w : kLeft + indent;
            out_.text(x, y_ + (l.pitch - l.size) / 2 + l.size * kAscent, l.size, line);
            y_ += l.pitch;
        }
    }

    void table(const docx::Table& t) {
        const double parts = std::accumulate(t.widths.begin(), t.widths.end(), 0.0);
        std::vector<double> grid;  // the left edge of each grid column, and the table's right edge
        for (int w : t.widths) grid.push_back(grid.empty() ? kLeft : grid.back() + kWidth * w / (parts > 0 ? parts : 1));
        grid.push_back(kLeft + kWidth);
        const docx::Row* header = !t.rows.empty() && t.rows[0].header ? &t.rows[0] : nullptr;
        for (const docx::Row& row : t.rows) this->row(row, grid, &row == header ? nullptr : header);
        y_ += kCellPitch / 2;
    }

    std::string bytes(const std::string& title) const { return out_.bytes(title); }

private:
    struct Cell {
        double left, right;
        std::vector<std::string> lines;
    };

    void page() {
        out_.new_page();
        y_ = kTop;
    }
    // Starts a new page unless `height` fits below on this one.
    void room(double height) {
        if (out_.pages() == 0 || y_ + height > kBottom) page();
    }

    // A row as tall as its fullest cell or its room to write in, cut across
    // pages where it is taller than what is left; a header repeats on each page.
    void row(const docx::Row& r, const std::vector<double>& grid, const docx::Row* header) {
        std::vector<Cell> cells;
        std::size_t column = 0;
        std::size_t lines = 1;
        for (const docx::Cell& c : r.cells) {
            const std::size_t end = std::min(grid.size() - 1, column + static_cast<std::size_t>(std::max(c.span, 1)));
            Cell cell{grid[std::min(column, grid.size() - 1)], grid[end], {}};
            cell.lines = pdf::wrap(c.text, kCellSize, cell.right - cell.left - 2 * kCellPadding);
            lines = std::max(lines, cell.lines.size());
            cells.push_back(std::move(cell));
            column = end;
        }
        const double min_height = pdf::mm(r.min_height_mm);
        std::size_t from = 0;
        do {
            const double full = std::max(min_height, static_cast<double>(lines - from) * kCellPitch + 2 * kCellPadding);
            if (out_.pages() == 0 || y_ + full > kBottom) {
                // Cut only a row that would not fit on a page of its own.
                const bool fits_a_page = kTop + (header ? kCellPitch + 2 * kCellPadding : 0) + full <= kBottom;
                if (out_.pages() == 0 || fits_a_page || y_ + 2 * kCellPadding + kCellPitch > kBottom) {
                    page();
                    if (header) row(*header, grid, nullptr);
                }
            }
            const std::size_t fit = static_cast<std::size_t>(std::max(1.0, (kBottom - y_ - 2 * kCellPadding) / kCellPitch));
            const std::size_t to = std::min(lines, from + fit);
            const double height = std::max(to == lines ? min_height : 0.0, static_cast<double>(to - from) * kCellPitch + 2 * kCellPadding);
            draw(cells, from, to, std::min(height, kBottom - y_));
            from = to;
        } while (from < lines);
    }

    void draw(const std::vector<Cell>& cells, std::size_t from, std::size_t to, double height) {
        const double top = y_, bottom = y_ + height;
        if (cells.empty()) return;
        out_.line(cells.front().left, top, cells.back().right, top);
        out_.line(cells.front().left, bottom, cells.back().right, bottom);
        for (const Cell& c : cells) {
            out_.line(c.left, top, c.left, bottom);
            const std::size_t shown = c.lines.size() > from ? std::min(to, c.lines.size()) - from : 0;
            // Centred in the row, as a label in a cell taller than its text stands.
            double baseline = top + (height - static_cast<double>(shown) * kCellPitch) / 2 + (kCellPitch - kCellSize) / 2 + kCellSize * kAscent;
            for (std::size_t i = from; i < from + shown; ++i, baseline += kCellPitch) out_.text(c.left + kCellPadding, baseline, kCellSize, c.lines[i]);
        }
        out_.line(cells.back().right, top, cells.back().right, bottom);
        y_ = bottom;
    }

    pdf::Writer out_;
    double y_ = kTop;
};

}  // namespace

std::string document_pdf(const docx::Document& doc) {
    Layout layout;
    for (const docx::Block& block : doc.blocks) {
        if (const auto* p = std::get_if<docx::Paragraph>(&block)) layout.paragraph(*p);
        else layout.table(std::get<docx::Table>(block));
    }
    return layout.bytes(doc.title);
}

}  // namespace office
