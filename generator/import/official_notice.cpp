#include "generator/import/official_notice.hpp"

#include <cstdio>
#include <optional>

#include "common/text.hpp"
#include "generator/import/word_text.hpp"

namespace gen::import {

namespace {

using common::ends_with;
using common::starts_with;

// The words an official document's title ends with (GB/T 9704 文种).
const char* const kGenres[] = {"通知", "通报", "决定", "意见", "公告", "通告", "函", "报告", "批复", "方案", "办法", "规定", "纪要", "决议", "请示"};

bool ends_with_genre(const std::string& title) {
    for (const char* g : kGenres)
        if (ends_with(title, g)) return true;
    return false;
}

bool ends_with_colon(const std::string& s) { return ends_with(s, "：") || ends_with(s, ":"); }

// "附件3" alone on its line (or "附件3：" and perhaps the attachment's
// title after the colon): where attachment 3 begins. The number, and the
// title's text if any.
struct Marker {
    int number = 0;
    std::string rest;
};

std::optional<Marker> attachment_marker(const office::WordBlock& block) {
    const auto* p = std::get_if<office::WordParagraph>(&block);
    if (!p) return std::nullopt;
    const std::string line = one_line(p->text);
    std::string s = spaceless(line);
    if (!starts_with(s, "附件")) return std::nullopt;
    s.erase(0, std::string("附件").size());
    std::size_t bytes = 0;
    const int n = leading_number(s, bytes);
    if (n < 1) return std::nullopt;
    if (bytes == s.size()) return Marker{n, ""};
    for (const char* colon : {"：", ":"})
        if (s.compare(bytes, std::string(colon).size(), colon) == 0) {
            const std::size_t at = line.find(colon);
            return Marker{n, trim_spaces(line.substr(at + std::string(colon).size()))};
        }
    return std::nullopt;
}

// A 发文字号 as printed under the 发文机关: 岳教体通〔2019〕12号.
bool is_doc_no(const std::string& s) {
    return ends_with(s, "号") && (s.find("〔") != std::string::npos || s.find("[") != std::string::npos || s.find("［") != std::string::npos);
}

// "1." "1．" "1、" at the start of an item of the 附件说明; its length, or 0.
std::size_t list_number(const std::string& s) {
    std::size_t bytes = 0;
    if (leading_number(s, bytes) < 1) return 0;
    for (const char* mark : {".", "．", "、"})
        if (s.compare(bytes, std::string(mark).size(), mark) == 0) return bytes + std::string(mark).size();
    return 0;
}

int chinese_digit(const std::string& s, std::size_t& i) {
    static const char* const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    for (int d = 0; d < 10; ++d)
        if (s.compare(i, std::string(digits[d]).size(), digits[d]) == 0) {
            i += std::string(digits[d]).size();
            return d;
        }
    if (s.compare(i, std::string("零").size(), "零") == 0) {
        i += std::string("零").size();
        return 0;
    }
    return -1;
}

// A number written in Arabic digits or in Chinese (二〇一九, 二十, 十二), up to `unit`.
int number_before(const std::string& s, std::size_t& i, const char* unit) {
    std::size_t bytes = 0;
    const int arabic = leading_number(s.substr(i), bytes);
    if (arabic >= 0) {
        i += bytes;
    } else {
        int value = 0, digits = 0;
        bool tens = false;
        while (i < s.size() && s.compare(i, std::string(unit).size(), unit) != 0) {
            if (s.compare(i, std::string("十").size(), "十") == 0) {
                i += std::string("十").size();
                value = (value == 0 ? 1 : value) * 10;
                tens = true;
                continue;
            }
            const int d = chinese_digit(s, i);
            if (d < 0) return -1;
            value = tens ? value + d : value * 10 + d;
            ++digits;
        }
        if (!digits && !tens) return -1;
        if (s.compare(i, std::string(unit).size(), unit) != 0) return -1;
        i += std::string(unit).size();
        return value;
    }
    if (s.compare(i, std::string(unit).size(), unit) != 0) return -1;
    i += std::string(unit).size();
    return arabic;
}

}  // namespace

std::string date_of_line(const std::string& line) {
    const std::string s = spaceless(line);
    std::size_t i = 0;
    const int y = number_before(s, i, "年");
    const int m = y < 0 ? -1 : number_before(s, i, "月");
    const int d = m < 0 ? -1 : number_before(s, i, "日");
    if (d < 0 || i != s.size() || y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return "";
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
    return out;
}

namespace {

// Where the 版记 at the document's end begins (抄送：…, "…办公室 2019年6月20日印发",
// as lines or in a table): the printed copy's record, which a web page
// does not show. blocks.size() when there is none.
std::size_t colophon_start(const std::vector<office::WordBlock>& blocks) {
    auto is_colophon_line = [](const std::string& line) {
        const std::string s = spaceless(line);
        return starts_with(s, "抄送") || starts_with(s, "主题词") || ends_with(s, "印发");
    };
    auto is_colophon = [&](const office::WordBlock& b) {
        if (const auto* p = std::get_if<office::WordParagraph>(&b)) return is_colophon_line(p->text);
        for (const office::WordRow& r : std::get<office::WordTable>(b).rows)
            for (const office::WordCell& c : r.cells)
                for (const std::string& p : c.paragraphs)
                    if (is_colophon_line(p)) return true;
        return false;
    };
    std::size_t start = blocks.size();
    for (std::size_t k = blocks.size(); k-- > 0;) {
        const auto* p = std::get_if<office::WordParagraph>(&blocks[k]);
        if (p && lines_of(p->text).empty() && !p->pictures) continue;  // empty paragraphs and the lines drawn around it
        if (!is_colophon(blocks[k])) break;
        start = k;
    }
    return start;
}

}  // namespace

OfficialNotice find_official_structure(const std::vector<office::WordBlock>& all, std::vector<std::string>& problems) {
    OfficialNotice n;
    const std::vector<office::WordBlock> blocks(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(colophon_start(all)));
    // The attachments begin at the first "附件N" line; the notice is before it.
    std::size_t main_end = blocks.size();
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const std::optional<Marker> marker = attachment_marker(blocks[i]);
        if (marker) {
            if (main_end == blocks.size()) main_end = i;
            n.attachments.push_back({marker->number, {}});
            if (!marker->rest.empty()) n.attachments.back().blocks.push_back(office::WordParagraph{marker->rest, ""});
        } else if (!n.attachments.empty()) {
            n.attachments.back().blocks.push_back(blocks[i]);
        }
    }

    // The notice's paragraphs with words; empty ones are Word's spacing.
    std::vector<const office::WordParagraph*> ps;
    // Where pictures are, by the paragraph with words that holds or follows
    // them: a red line or a text box above the title is the 版头's, not the body's.
    std::vector<std::size_t> pictures;
    // A table of the body (GFM in the notice), by the paragraph it precedes.
    std::vector<std::pair<std::size_t, const office::WordTable*>> tables;
    for (std::size_t i = 0; i < main_end; ++i) {
        if (const auto* p = std::get_if<office::WordParagraph>(&blocks[i])) {
            if (p->pictures) pictures.push_back(ps.size());
            if (!lines_of(p->text).empty()) ps.push_back(p);
        } else {
            tables.emplace_back(ps.size(), &std::get<office::WordTable>(blocks[i]));
        }
    }
    if (ps.empty()) {
        problems.push_back("no text before the first attachment: not a notice");
        return n;
    }
    std::size_t i = 0;
    // Without a 发文机关 line the document starts with its title.
    // The 发文机关标志 may be a text box, which holds no words the body has:
    // then the 发文字号 or the title comes first.
    if (const std::string first = one_line(ps[0]->text); !starts_with(first, "关于") && !ends_with_genre(first) && !is_doc_no(first)) {
        n.issuer = first;
        ++i;
        if (ends_with(n.issuer, "文件")) n.issuer.erase(n.issuer.size() - std::string("文件").size());
    }
    if (i < ps.size() && is_doc_no(one_line(ps[i]->text))) n.doc_no = one_line(ps[i++]->text);
    // The title may run over several lines; it ends with its 文种, or
    // where the 主送 (a line ending with a colon) begins.
    for (int lines = 0; i < ps.size() && lines < 4; ++lines) {
        const std::string line = one_line(ps[i]->text);
        if (ends_with_colon(line)) break;
        n.title += line;
        ++i;
        if (ends_with_genre(n.title)) break;
    }
    if (n.title.empty() || (!ends_with_genre(n.title) && !(i < ps.size() && ends_with_colon(one_line(ps[i]->text)))))
        problems.push_back("no title (ending with its 文种: 通知, 意见, 决定…, or followed by the 主送) at the top; found \"" + n.title + "\"");
    if (i < ps.size() && ends_with_colon(one_line(ps[i]->text))) {
        n.addressees = one_line(ps[i++]->text);
        n.addressees.erase(n.addressees.size() - (ends_with(n.addressees, "：") ? std::string("：").size() : 1));
    }
    const std::size_t body_begin = i;

    // 署名 and 成文日期 close the notice: the last date line and the line above it.
    std::size_t date_at = ps.size();
    for (std::size_t k = ps.size(); k-- > body_begin;)
        if (!date_of_line(one_line(ps[k]->text)).empty()) {
            date_at = k;
            break;
        }
    std::size_t body_end = ps.size();
    if (date_at == ps.size() || date_at == body_begin) {
        problems.push_back("no 成文日期 (a line like 2019年6月20日) after the body");
    } else {
        n.date = date_of_line(one_line(ps[date_at]->text));
        n.signature = one_line(ps[date_at - 1]->text);
        body_end = date_at - 1;
        if (date_at + 1 < ps.size()) problems.push_back("text after the 成文日期: \"" + one_line(ps[date_at + 1]->text) + "\"");
    }

    // 附件说明: "附件：1.…" and the items below it, then perhaps a note.
    for (std::size_t k = body_begin; k < body_end; ++k) {
        const std::string first = spaceless(lines_of(ps[k]->text).front());
        std::string label;
        for (const char* l : {"附件：", "附件:"})
            if (starts_with(first, l)) label = l;
        if (label.empty()) continue;
        n.attachments_label = label;
        bool in_note = false;
        auto take = [&](const std::string& item) {
            if (item.empty()) return;
            const bool opens_note = starts_with(item, "(") || starts_with(item, "（");
            if (in_note || opens_note) {
                in_note = true;
                n.attachments_note += item;
                return;
            }
            if (const std::size_t number = list_number(item)) n.attachment_titles.push_back(trim_spaces(item.substr(number)));
            else if (n.attachment_titles.empty()) n.attachment_titles.push_back(item);
            else n.attachment_titles.back() += item;  // a title broken over two lines
        };
        // Line by line: Word users end each item with Enter or with Shift+Enter.
        for (std::size_t j = k; j < body_end; ++j) {
            std::vector<std::string> lines = lines_of(ps[j]->text);
            if (j == k) {
                std::string& all = lines.front();
                std::size_t at = std::string("附件").size();
                while (at < all.size() && all[at] == ' ') ++at;
                at += all.compare(at, std::string("：").size(), "：") == 0 ? std::string("：").size() : 1;
                all = trim_spaces(all.substr(at));
            }
            for (const std::string& line : lines) take(line);
        }
        body_end = k;
        break;
    }
    std::size_t t = 0;
    for (std::size_t k = body_begin; k <= body_end; ++k) {
        for (; t < tables.size() && tables[t].first <= k; ++t) {
            if (tables[t].first < body_begin) problems.push_back("a table above the 主送: tables belong in the body or an attachment");
            else n.body.emplace_back(*tables[t].second);
        }
        if (k < body_end) n.body.emplace_back(*ps[k]);
    }
    for (const std::size_t at : pictures)
        if (at >= body_begin && at < body_end) {
            problems.push_back("a picture or text box in the body, at \"" + one_line(ps[at]->text) +
                               "\", which the import leaves out: put it under content/attachments/ and link it");
            break;  // the first tells where to look
        }
    if (t < tables.size()) problems.push_back("a table among the 附件说明, 署名 and 成文日期: tables belong in the body or an attachment");
    return n;
}

}  // namespace gen::import
