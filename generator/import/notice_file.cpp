#include "generator/import/notice_file.hpp"

#include <cctype>
#include <cstdio>

namespace gen::import {

namespace {

// Words YAML 1.1 and 1.2 read as something other than a string.
bool is_reserved_word(const std::string& s) {
    std::string lower;
    for (const char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* w : {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"})
        if (lower == w) return true;
    return false;
}

bool needs_quotes(const std::string& s) {
    if (s.empty() || is_reserved_word(s)) return true;
    if (std::string("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string::npos) return true;
    if (s.front() == ' ' || s.back() == ' ' || s.back() == ':') return true;
    if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos || s.find('\n') != std::string::npos ||
        s.find('\t') != std::string::npos)
        return true;
    // A number or a date would be read back as one.
    bool numeric = true;
    for (const char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') numeric = false;
    return numeric;
}

}  // namespace

std::string yaml_scalar(const std::string& s) {
    if (!needs_quotes(s)) return s;
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else out += c;
    }
    return out + "\"";
}

std::string notice_file_text(const OfficialNotice& n, const std::string& category, const std::vector<LinkedAttachment>& attachments,
                             const std::string& body) {
    std::string out = "---\n";
    auto key = [&out](const char* name, const std::string& value) {
        if (!value.empty()) out += std::string(name) + ": " + yaml_scalar(value) + "\n";
    };
    key("title", n.title);
    key("issuer", n.issuer);
    out += "date: " + n.date + "\n";  // YYYY-MM-DD, as YAML and the loader read it
    key("category", category);
    key("doc_no", n.doc_no);
    key("addressees", n.addressees);
    key("signature", n.signature);
    if (!attachments.empty()) {
        out += "attachments:\n";
        for (const LinkedAttachment& a : attachments) out += "  - title: " + yaml_scalar(a.title) + "\n    data: " + yaml_scalar(a.data) + "\n";
    }
    // The default label is 附件：; only another spelling is written.
    if (!n.attachments_label.empty() && n.attachments_label != "附件：") key("attachments_label", n.attachments_label);
    key("attachments_note", n.attachments_note);
    out += "---\n\n" + body;
    return out;
}

}  // namespace gen::import
