#include <catch2/catch.hpp>

#include "common/json_file.hpp"
#include "common/personal_data.hpp"
#include "common/utf8.hpp"

TEST_CASE("mobile numbers are found alone, grouped, but not inside longer numbers") {
    using common::find_personal_numbers;
    auto digits = [](const std::string& text) {
        std::vector<std::string> out;
        for (const auto& hit : find_personal_numbers(text)) out.push_back(hit.digits);
        return out;
    };
    CHECK(digits("手机13912345678。") == std::vector<std::string>{"13912345678"});
    CHECK(digits("电话 139-1234-5678 或 139 1234 5678") == std::vector<std::string>{"13912345678", "13912345678"});
    CHECK(digits("编号139123456789").empty());       // 12 digits
    CHECK(digits("电话：8805708").empty());           // a landline
    CHECK(digits("0730-88057081234").empty());
    CHECK(digits("12912345678").empty());             // no such mobile prefix
}

TEST_CASE("ID-card numbers need a valid checksum and birth date") {
    using common::find_personal_numbers;
    const auto hits = find_personal_numbers("身份证11010519491231002X，另110105194912310021");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].digits == "11010519491231002X");
    CHECK(std::string(hits[0].kind) == "ID-card number");
    CHECK(find_personal_numbers("110105194913310020").empty());  // month 13
}

TEST_CASE("JSON positions are found by pointer") {
    const auto f = common::parse_json("{\n  \"a\": [1,\n    {\"b\": \"x\"}]\n}\n", "t.json");
    const auto lc = f.locate("/a/1/b");
    CHECK(lc.line == 3);
    CHECK(lc.col == 11);
    CHECK(f.locate("/a/9").line == 2);  // falls back to the nearest ancestor
}

TEST_CASE("characters are counted, not bytes") {
    CHECK(common::utf8_length("试点实施方案") == 6);
    CHECK(common::is_valid_utf8("教育"));
    CHECK_FALSE(common::is_valid_utf8(std::string("\xE6\x95", 2)));
}
