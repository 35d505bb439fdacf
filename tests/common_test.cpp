#include <catch2/catch.hpp>

#include <algorithm>

#include "collector/site_rules.hpp"
#include "common/data_loader.hpp"
#include "common/json_file.hpp"
#include "common/personal_data.hpp"
#include "common/utf8.hpp"
#include "support/tiny_site.hpp"

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

TEST_CASE("a number is found wherever it starts and ends in the text, in blocks of 16 bytes or not") {
    // Han characters (3 bytes) and ASCII before and after put every start
    // and end at each place in a block, and at the text's end.
    for (const std::string& filler : {std::string("a"), std::string("附")})
        for (int before = 0; before < 20; ++before)
            for (int after = 0; after < 3; ++after) {
                std::string lead, tail;
                for (int k = 0; k < before; ++k) lead += filler;
                for (int k = 0; k < after; ++k) tail += filler;
                for (const std::string& number : {std::string("13912345678"), std::string("（0730）8805708"), std::string("(0730)8805708")}) {
                    const auto hits = common::find_personal_numbers(lead + number + tail);
                    REQUIRE(hits.size() == 1);
                    CHECK(hits[0].offset == lead.size());
                    CHECK(hits[0].length == number.size());
                }
            }
}

TEST_CASE("ID-card numbers are found with a valid checksum and with a wrong one but need a birth date") {
    using common::find_personal_numbers;
    const auto hits = find_personal_numbers("身份证11010519491231002x，另110105194912310021");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].digits == "11010519491231002X");
    CHECK(std::string(hits[0].kind) == "ID-card number");
    CHECK(hits[1].digits == "110105194912310021");
    CHECK(std::string(hits[1].kind) == "ID-card number with a wrong checksum");
    CHECK(find_personal_numbers("110105194913310020").empty());  // month 13
    CHECK(find_personal_numbers("910105194912310021").empty());  // no such region
}

TEST_CASE("landlines are found as the bureau writes them but not inside other numbers") {
    auto digits = [](const std::string& text) {
        std::vector<std::string> out;
        for (const auto& hit : common::find_personal_numbers(text)) {
            CHECK(std::string(hit.kind) == "landline number");
            out.push_back(hit.digits + "@" + std::to_string(hit.offset) + "+" + std::to_string(hit.length));
        }
        return out;
    };
    CHECK(digits("电话：0730-8805708。") == std::vector<std::string>{"07308805708@9+12"});
    CHECK(digits("(0730)8805708 或 （010）12345678") == std::vector<std::string>{"07308805708@0+13"});  // a local number starts 2-9
    CHECK(digits("（010）62345678 0731 88880000") == std::vector<std::string>{"01062345678@0+17", "073188880000@18+13"});
    CHECK(digits("0730-88057081234").empty());  // 11 digits after the code
    CHECK(digits("2019-8805708").empty());      // no area code
    CHECK(digits("073-8805708").empty());       // a three-digit code is 010 or 02X
    CHECK(digits("0730-0805708").empty());
    CHECK(digits("电话8805708").empty());
}

TEST_CASE("names are found after a label and a separator, two or three characters long") {
    auto names = [](const std::string& text) {
        std::vector<std::string> out;
        for (const auto& hit : common::find_personal_names(text)) out.push_back(hit.label + "=" + hit.name + "@" + std::to_string(hit.offset));
        return out;
    };
    CHECK(names("项目负责人：张三，联系人: 欧阳娜") == std::vector<std::string>{"负责人=张三@18", "联系人=欧阳娜@38"});
    CHECK(names("{\"联系人\": \"李四\"}") == std::vector<std::string>{"联系人=李四@15"});
    CHECK(names("联系人：市教科院信息技术中心").empty());  // a unit
    CHECK(names("联系人电话：0730-8805708").empty());       // a label, not a name
    CHECK(names("负责人：（签字）").empty());
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

TEST_CASE("both programs read data/ through one loader that reports stray and broken files and keeps the rest") {
    testing::TinySite site(
        "-- data/notes.txt --\n不是数据\n"
        "-- data/quotas/deep/2019.json --\n{}\n"
        "-- data/lists/2020.json --\n{\"title\": 3}\n");
    std::vector<std::string> seen;
    common::Diagnostics diags;
    const common::SiteData d = common::load_site_data(site.root(), diags, [&](const common::JsonFile& f) { seen.push_back(f.path); });
    std::string report;
    for (const auto& problem : diags.sorted()) report += common::format(problem) + "\n";
    CHECK(report.find("data/notes.txt: error: unexpected file in data/") != std::string::npos);
    CHECK(report.find("data/quotas/deep/2019.json: error: unexpected file in data/") != std::string::npos);
    CHECK(report.find("data/lists/2020.json:1:11: error:") != std::string::npos);
    CHECK(diags.size() == 3);
    // What is sound is still there, and every file read was shown to the caller.
    CHECK(!d.units.counties.empty());
    CHECK(d.info.bureau == "示例市教育体育局");
    CHECK(std::find(seen.begin(), seen.end(), "data/units.json") != seen.end());
    CHECK(d.list("2020") == nullptr);

    // The collector takes the same rules, and may not start with any of them broken.
    common::Diagnostics collector_diags;
    collector::load_site_rules(site.root(), collector_diags);
    CHECK(collector_diags.size() == diags.size());
}
