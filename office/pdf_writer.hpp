#pragma once
// A small PDF writer for printed forms: A4 pages of text and ruled lines,
// set in STSong-Light, one of the standard CJK fonts every PDF reader
// supplies (Adobe-GB1, encoding UniGB-UTF16-H), so nothing is embedded.
// Coordinates are in points from the page's top-left corner.

#include <string>
#include <string_view>
#include <vector>

namespace office::pdf {

inline constexpr double kPageWidth = 595.28;   // A4, 210 mm
inline constexpr double kPageHeight = 841.89;  // 297 mm

double mm(double millimetres);

// How wide `text` runs at `size` points: a full-width character takes one
// em, ASCII half of one (as the font's widths say).
double text_width(std::string_view text, double size);

// `text` cut into lines no wider than `width`, at any character (Chinese has
// no spaces to break at); a line break in the text always starts a line.
std::vector<std::string> wrap(std::string_view text, double size, double width);

class Writer {
public:
    void new_page();
    // Starts a page first when there is none. `baseline`: from the top.
    void text(double x, double baseline, double size, std::string_view text);
    void line(double x1, double y1, double x2, double y2, double width = 0.5);
    int pages() const { return static_cast<int>(pages_.size()); }
    // The file: the same bytes for the same pages and title.
    std::string bytes(const std::string& title) const;

private:
    std::vector<std::string> pages_;  // each page's content stream
};

}  // namespace office::pdf
