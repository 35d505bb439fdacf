#include "generator/progress_chart.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace gen {
namespace {

constexpr int kWidth = 640;
constexpr int kLabelWidth = 150;  // nine CJK characters at 14 px, and a gap
constexpr int kNumbersWidth = 130;
constexpr int kRowHeight = 30;
constexpr int kLegendHeight = 34;
constexpr int kBarsWidth = kWidth - kLabelWidth - kNumbersWidth;

std::string rect(int x, int y, int w, int h, const std::string& extra) {
    return "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(w) + "\" height=\"" +
           std::to_string(h) + "\" " + extra + "/>";
}

std::string label(int x, int y, const std::string& text, const std::string& anchor) {
    return "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" text-anchor=\"" + anchor + "\">" +
           common::escape_markup(text) + "</text>";
}

const char* const kQuotaBar = "fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"";
const char* const kReceivedBar = "fill=\"#1f3f75\"";

}  // namespace

std::string progress_chart_svg(const CallProgress& p) {
    int most = 1;
    for (const auto& r : p.rows) most = std::max({most, r.expected, r.received});
    const int height = kLegendHeight + static_cast<int>(p.rows.size()) * kRowHeight + 8;
    auto scaled = [&](int n) { return n * kBarsWidth / most; };

    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"progress-chart\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
                      std::to_string(height) + "\" width=\"" + std::to_string(kWidth) + "\" height=\"" + std::to_string(height) +
                      "\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-size=\"14\">";
    svg += "<title id=\"chart-title\">各县市区已收到与" + common::escape_markup(p.expected_label) + "对比图</title>";
    svg += "<desc id=\"chart-desc\">";
    for (const auto& r : p.rows)
        svg += common::escape_markup(r.county_name) + "：已收到" + std::to_string(r.received) + "，" + common::escape_markup(p.expected_label) +
               std::to_string(r.expected) + "；";
    svg += "</desc>";

    // Legend: the two kinds of bar differ in shape (outline, solid), not only in colour.
    svg += rect(kLabelWidth, 8, 18, 14, kReceivedBar) + label(kLabelWidth + 24, 20, "已收到", "start");
    svg += rect(kLabelWidth + 100, 8, 18, 14, kQuotaBar) + label(kLabelWidth + 124, 20, p.expected_label, "start");

    int y = kLegendHeight;
    for (const auto& r : p.rows) {
        svg += "<g>";
        svg += label(kLabelWidth - 8, y + 19, r.county_name, "end");
        if (r.received > 0) svg += rect(kLabelWidth, y + 7, scaled(r.received), 14, kReceivedBar);
        svg += rect(kLabelWidth, y + 4, std::max(scaled(r.expected), 1), 20, kQuotaBar);
        std::string numbers = std::to_string(r.received) + " / " + std::to_string(r.expected);
        if (r.received > r.expected) numbers += " 超出";
        svg += label(kLabelWidth + kBarsWidth + 8, y + 19, numbers, "start");
        svg += "</g>";
        y += kRowHeight;
    }
    svg += "</svg>";
    return svg;
}

}  // namespace gen
