#include "generator/date.hpp"

#include <cctype>
#include <ctime>

#include "common/calendar.hpp"

namespace gen {
namespace {

bool digits(const std::string& s, std::size_t from, std::size_t count) {
    if (from + count > s.size()) return false;
    for (std::size_t i = from; i < from + count; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace

std::string Date::iso() const { return std::to_string(year) + "-" + two(month) + "-" + two(day); }

std::string Date::zh() const {
    return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::string Date::rfc3339() const { return iso() + "T" + (time.empty() ? "00:00:00+08:00" : time); }

std::string Date::minute() const { return iso() + " " + (time.empty() ? "00:00" : time.substr(0, 5)); }

std::optional<Date> parse_date(const std::string& s) {
    if (s.size() < 10 || !common::is_iso_date(s.substr(0, 10))) return std::nullopt;
    Date d;
    d.year = std::stoi(s.substr(0, 4));
    d.month = std::stoi(s.substr(5, 2));
    d.day = std::stoi(s.substr(8, 2));
    if (s.size() == 10) return d;
    // A time with an explicit offset, as Hugo and Jekyll users write it.
    const std::string t = s.substr(11);
    const bool ok = (s[10] == 'T' || s[10] == ' ') && t.size() == 14 && digits(t, 0, 2) && t[2] == ':' &&
                    digits(t, 3, 2) && t[5] == ':' && digits(t, 6, 2) && (t[8] == '+' || t[8] == '-') &&
                    digits(t, 9, 2) && t[11] == ':' && digits(t, 12, 2);
    if (!ok) return std::nullopt;
    d.time = t;
    return d;
}

Date today_in_shanghai() {
    const std::tm tm = common::shanghai_time(std::chrono::system_clock::now());
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, {}};
}

}  // namespace gen
